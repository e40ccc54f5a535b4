using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace P4Bpf.Ebpf.Maps;

/// <summary>Bob Jenkins' lookup3 hash as the Linux kernel's <c>jhash</c>/<c>jhash2</c> compute it, so hash maps iterate in the kernel's order.</summary>
/// <remarks>The kernel's <c>htab_map_hash</c> uses <c>jhash2</c> over u32 words when the key length is a multiple of 4 and <c>jhash</c> otherwise; words are read in CPU (little-endian) order.</remarks>
internal static unsafe class Jhash
{
    private const uint InitVal = 0xdeadbeef;

    /// <summary>The kernel's <c>htab_map_hash(key, key_len, hashrnd)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint HtabHash(byte* key, int length, uint seed)
    {
        if ((length & 3) == 0)
        {
            return length == 4 ? Jhash1Word(*(uint*)key, seed) : Jhash2((uint*)key, length >> 2, seed);
        }
        return Hash(key, length, seed);
    }

    /// <summary><c>jhash2</c> of a single word (the common 4-byte key), unrolled.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Jhash1Word(uint word, uint seed)
    {
        uint a = InitVal + 4 + seed;
        uint b = a;
        uint c = a;
        a += word;
        Final(ref a, ref b, ref c);
        return c;
    }

    /// <summary><c>jhash2(k, length_in_words, initval)</c>.</summary>
    public static uint Jhash2(uint* k, int length, uint seed)
    {
        uint a = InitVal + ((uint)length << 2) + seed;
        uint b = a;
        uint c = a;
        while (length > 3)
        {
            a += k[0];
            b += k[1];
            c += k[2];
            Mix(ref a, ref b, ref c);
            length -= 3;
            k += 3;
        }
        switch (length)
        {
            case 3:
                c += k[2];
                b += k[1];
                a += k[0];
                Final(ref a, ref b, ref c);
                break;
            case 2:
                b += k[1];
                a += k[0];
                Final(ref a, ref b, ref c);
                break;
            case 1:
                a += k[0];
                Final(ref a, ref b, ref c);
                break;
        }
        return c;
    }

    /// <summary><c>jhash(key, length_in_bytes, initval)</c>.</summary>
    public static uint Hash(byte* k, int length, uint seed)
    {
        uint a = InitVal + (uint)length + seed;
        uint b = a;
        uint c = a;
        while (length > 12)
        {
            a += BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(k, 4));
            b += BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(k + 4, 4));
            c += BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(k + 8, 4));
            Mix(ref a, ref b, ref c);
            length -= 12;
            k += 12;
        }
        if (length == 0)
        {
            return c;
        }
        if (length >= 12) { c += (uint)k[11] << 24; }
        if (length >= 11) { c += (uint)k[10] << 16; }
        if (length >= 10) { c += (uint)k[9] << 8; }
        if (length >= 9) { c += k[8]; }
        if (length >= 8) { b += (uint)k[7] << 24; }
        if (length >= 7) { b += (uint)k[6] << 16; }
        if (length >= 6) { b += (uint)k[5] << 8; }
        if (length >= 5) { b += k[4]; }
        if (length >= 4) { a += (uint)k[3] << 24; }
        if (length >= 3) { a += (uint)k[2] << 16; }
        if (length >= 2) { a += (uint)k[1] << 8; }
        a += k[0];
        Final(ref a, ref b, ref c);
        return c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Mix(ref uint a, ref uint b, ref uint c)
    {
        a -= c; a ^= BitOperations.RotateLeft(c, 4); c += b;
        b -= a; b ^= BitOperations.RotateLeft(a, 6); a += c;
        c -= b; c ^= BitOperations.RotateLeft(b, 8); b += a;
        a -= c; a ^= BitOperations.RotateLeft(c, 16); c += b;
        b -= a; b ^= BitOperations.RotateLeft(a, 19); a += c;
        c -= b; c ^= BitOperations.RotateLeft(b, 4); b += a;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Final(ref uint a, ref uint b, ref uint c)
    {
        c ^= b; c -= BitOperations.RotateLeft(b, 14);
        a ^= c; a -= BitOperations.RotateLeft(c, 11);
        b ^= a; b -= BitOperations.RotateLeft(a, 25);
        c ^= b; c -= BitOperations.RotateLeft(b, 16);
        a ^= c; a -= BitOperations.RotateLeft(c, 4);
        b ^= a; b -= BitOperations.RotateLeft(a, 14);
        c ^= b; c -= BitOperations.RotateLeft(b, 24);
    }
}
