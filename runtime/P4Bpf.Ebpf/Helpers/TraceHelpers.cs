using System.Globalization;
using System.Text;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Helpers;

/// <summary><c>bpf_trace_printk</c>: formats up to three arguments with the kernel's restricted printf and writes the line to the trace log.</summary>
internal static unsafe class TraceHelpers
{
    private const int Einval = 22;

    public static void Register(HelperTable table) =>
        table.Set((int)HelperId.TracePrintk, "trace_printk", TracePrintk);

    /// <summary><c>long bpf_trace_printk(fmt, fmt_size, arg1, arg2, arg3)</c>: the formatted length, or <c>-EINVAL</c> for a bad format.</summary>
    public static ulong TracePrintk(ulong fmt, ulong fmtSize, ulong a1, ulong a2, ulong a3, VmRunContext context)
    {
        if (fmtSize == 0 || fmtSize > 1024)
        {
            return HelperArgs.Result(-Einval);
        }
        var bytes = new ReadOnlySpan<byte>(HelperArgs.Pointer(context, fmt, (int)fmtSize, false), (int)fmtSize);
        var nul = bytes.IndexOf((byte)0);
        if (nul < 0)
        {
            return HelperArgs.Result(-Einval);
        }
        var text = Format(Encoding.Latin1.GetString(bytes[..nul]), [a1, a2, a3], context);
        if (text is null)
        {
            return HelperArgs.Result(-Einval);
        }
        var line = text.TrimEnd('\n');
        if (context.State is HelperRunState state)
        {
            state.AddTrace(line);
        }
        context.Trace(line);
        return (ulong)text.Length;
    }

    /// <summary>Formats <paramref name="format"/> like the kernel's bstr_printf for BPF (%d %i %u %x %X %c %s %p %% with l/ll); null when it is invalid.</summary>
    internal static string? Format(string format, ulong[] args, VmRunContext? context)
    {
        var sb = new StringBuilder();
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%')
            {
                sb.Append(c);
                continue;
            }
            if (++i >= format.Length)
            {
                return null;
            }
            if (format[i] == '%')
            {
                sb.Append('%');
                continue;
            }
            var longs = 0;
            while (i < format.Length && format[i] == 'l')
            {
                longs++;
                i++;
            }
            if (i >= format.Length || longs > 2 || next >= args.Length)
            {
                return null;
            }
            var arg = args[next++];
            switch (format[i])
            {
                case 'd' or 'i':
                    sb.Append(longs == 0 ? ((int)arg).ToString(CultureInfo.InvariantCulture) : ((long)arg).ToString(CultureInfo.InvariantCulture));
                    break;
                case 'u':
                    sb.Append(longs == 0 ? ((uint)arg).ToString(CultureInfo.InvariantCulture) : arg.ToString(CultureInfo.InvariantCulture));
                    break;
                case 'x':
                    sb.Append(longs == 0 ? ((uint)arg).ToString("x", CultureInfo.InvariantCulture) : arg.ToString("x", CultureInfo.InvariantCulture));
                    break;
                case 'X':
                    sb.Append(longs == 0 ? ((uint)arg).ToString("X", CultureInfo.InvariantCulture) : arg.ToString("X", CultureInfo.InvariantCulture));
                    break;
                case 'c' when longs == 0:
                    sb.Append((char)(byte)arg);
                    break;
                case 'p' when longs == 0:
                    sb.Append("0x").Append(arg.ToString("x16", CultureInfo.InvariantCulture));
                    while (i + 1 < format.Length && char.IsAsciiLetterOrDigit(format[i + 1]))
                    {
                        i++; // %pK, %px, %pI4…: printed as the raw pointer
                    }
                    break;
                case 's' when longs == 0:
                    sb.Append(ReadString(arg, context));
                    break;
                default:
                    return null;
            }
        }
        return sb.ToString();
    }

    private static string ReadString(ulong address, VmRunContext? context)
    {
        if (address == 0)
        {
            return "(null)";
        }
        var sb = new StringBuilder();
        for (var n = 0; n < 256; n++)
        {
            var p = address + (ulong)n;
            if (context is { CheckedMemory: true } && !context.IsAccessible(p, 1, false))
            {
                return "(efault)";
            }
            var b = *(byte*)p;
            if (b == 0)
            {
                break;
            }
            sb.Append((char)b);
        }
        return sb.ToString();
    }
}
