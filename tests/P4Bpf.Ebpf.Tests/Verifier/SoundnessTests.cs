using System.Text;
using P4Bpf.Ebpf.Assembly;
using P4Bpf.Ebpf.Engine;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Programs;
using P4Bpf.Ebpf.Verifier;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Tests.Verifier;

/// <summary>Soundness property: every random packet program our verifier accepts runs in the checked interpreter on random packets without an out-of-bounds access.</summary>
public sealed class SoundnessTests
{
    [Fact]
    public void Accepted_random_programs_never_fault()
    {
        // bench/verifier-soundness.sh raises the count (millions) and varies the seed through these variables.
        var programs = int.TryParse(Environment.GetEnvironmentVariable("P4BPF_SOUNDNESS_PROGRAMS"), out var n) ? n : 2000;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("P4BPF_SOUNDNESS_SEED"), out var s) ? s : 1234;
        var stats = Run(seed, programs, packetsPerProgram: 8);
        TestContext.Current.SendDiagnosticMessage($"soundness: {programs} programs, seed {seed}: {stats.Accepted} accepted, {stats.Rejected} rejected, {stats.Faults.Count} faults");
        stats.Accepted.Should().BeGreaterThan(100, "the generator must produce acceptable programs too");
        stats.Rejected.Should().BeGreaterThan(100, "and unsafe ones");
        stats.Faults.Should().BeEmpty();
    }

    internal sealed record Stats(int Accepted, int Rejected, List<string> Faults);

    internal static Stats Run(int seed, int programs, int packetsPerProgram)
    {
        var rng = new Random(seed);
        int accepted = 0, rejected = 0;
        var faults = new List<string>();
        for (var i = 0; i < programs; i++)
        {
            var text = RandomProgram(rng);
            var bytes = Assembler.AssembleToBytes(text);
            var input = new VerifierInput(EquatableArray.Create<byte>(bytes), ProgramType.Xdp, []);
            var result = Ebpf.Verifier.Verifier.Instance.Verify(input, VerifierOptions.Default);
            if (!result.Accepted)
            {
                rejected++;
                continue;
            }
            accepted++;
            var spec = new ObjectSpec("GPL", EquatableArray.Create(new ProgramSpec("prog", "xdp", ProgramType.Xdp, EquatableArray.Create<byte>(bytes))), []);
            using var engine = BpfEngine.Load(spec, new EngineOptions(CheckedMemory: true, InstructionBudget: 1_000_000));
            for (var p = 0; p < packetsPerProgram; p++)
            {
                var packet = new byte[rng.Next(14, 80)];
                rng.NextBytes(packet);
                try
                {
                    engine.Run("prog", packet);
                }
                catch (VmException e) when (e.Kind is VmErrorKind.OutOfBounds or VmErrorKind.InvalidInstruction or VmErrorKind.JumpOutOfBounds)
                {
                    faults.Add($"{e.Message}\n{text}");
                    break;
                }
            }
        }
        return new Stats(accepted, rejected, faults);
    }

    /// <summary>A packet-parsing program: bounds checks with random lengths and forms, loads and stores at random offsets, masked variable offsets, stack traffic.</summary>
    internal static string RandomProgram(Random rng)
    {
        var sb = new StringBuilder();
        sb.Append("r2 = *(u32 *)(r1 + 0)\nr3 = *(u32 *)(r1 + 4)\nr6 = 0\n*(u64 *)(r10 - 8) = 0\n*(u64 *)(r10 - 16) = 0\n");
        var blocks = rng.Next(1, 5);
        string[] sizes = ["u8", "u16", "u32", "u64"];
        for (var b = 0; b < blocks; b++)
        {
            var n = rng.Next(0, 48);
            var form = rng.Next(4);
            sb.Append($"r4 = r2\nr4 += {n}\n");
            sb.Append(form switch
            {
                0 => "if r4 > r3 goto drop\n",
                1 => "if r3 < r4 goto drop\n",
                2 => "if r4 >= r3 goto drop\n",
                _ => "if r3 <= r4 goto drop\n",
            });
            var accesses = rng.Next(1, 4);
            for (var a = 0; a < accesses; a++)
            {
                var size = rng.Next(4);
                var width = 1 << size;
                var off = rng.Next(-2, n + 3);
                switch (rng.Next(6))
                {
                    case 0:
                        sb.Append($"r5 = *({sizes[size]} *)(r2 {O(off)})\nr6 += r5\n");
                        break;
                    case 1:
                        sb.Append($"*({sizes[size]} *)(r2 {O(off)}) = {rng.Next(256)}\n");
                        break;
                    case 2:
                        var mask = (1 << rng.Next(0, 6)) - 1;
                        sb.Append($"r5 = *(u8 *)(r2 {O(rng.Next(0, n + 1))})\nr5 &= {mask}\nr7 = r2\nr7 += r5\nr8 = r7\nr8 += {width}\nif r8 > r3 goto drop\nr5 = *({sizes[size]} *)(r7 {O(rng.Next(-1, 2))})\n");
                        break;
                    case 3:
                        var soff = -8 * rng.Next(1, 3);
                        sb.Append($"*({sizes[size]} *)(r10 {O(soff)}) = r6\nr6 = *({sizes[size]} *)(r10 {O(soff)})\n");
                        break;
                    case 4:
                        var m2 = (1 << rng.Next(0, 5)) - 1;
                        sb.Append($"r5 = r6\nr5 &= {m2}\nr7 = r10\nr7 += -16\nr7 += r5\nr5 = *(u8 *)(r7 {O(rng.Next(-1, 2))})\n");
                        break;
                    default:
                        sb.Append($"r6 ^= {rng.Next(1000)}\nr6 <<= {rng.Next(0, 8)}\n");
                        break;
                }
            }
        }
        sb.Append("r0 = 2\nexit\ndrop:\nr0 = 1\nexit\n");
        return sb.ToString();
    }

    private static string O(int off) => off < 0 ? $"- {-off}" : $"+ {off}";
}
