using P4Bpf.Ebpf.Helpers;
using P4Bpf.Ebpf.Jit;
using P4Bpf.Ebpf.Programs;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Tests.Jit;

/// <summary>How helper call sites are bound: static methods by <c>call</c>, non-virtual instance methods by <c>call</c> on their
/// target, everything else through the delegate.</summary>
public sealed class HelperBinderTests
{
    [Theory]
    [InlineData(ProgramType.Xdp)]
    [InlineData(ProgramType.SchedCls)]
    public void KernelHelpersAreDirectCalls(ProgramType type)
    {
        var table = KernelHelpers.CreateTable(type);
        var binder = new HelperBinder(table);
        var entries = table.Entries.ToList();
        entries.Should().NotBeEmpty();
        foreach (var entry in entries)
        {
            binder.Bind(entry.Id)!.Value.Kind.Should().BeOneOf([HelperCallKind.Static, HelperCallKind.Instance],
                $"helper {entry.Id} ({entry.Name}) is a static method or a lambda, called without the delegate");
        }
        binder.Delegates.Should().BeEmpty();
    }

    [Fact]
    public void LambdasClosuresAndVirtualMethodsPickTheirStrategy()
    {
        var captured = 3UL;
        var table = new HelperTable()
            .Add(1, "static", Static)
            .Add(2, "lambda", (r1, _, _, _, _, _) => r1)
            .Add(3, "closure", (r1, _, _, _, _, _) => r1 + captured)
            .Add(4, "virtual", new Overridable().Call)
            .Add(5, "variant", (HelperFunction)VariantTarget.Call);
        var binder = new HelperBinder(table);
        binder.Bind(1)!.Value.Kind.Should().Be(HelperCallKind.Static);
        binder.Bind(2)!.Value.Kind.Should().Be(HelperCallKind.Instance);
        binder.Bind(3)!.Value.Kind.Should().Be(HelperCallKind.Instance);
        binder.Bind(4)!.Value.Kind.Should().Be(HelperCallKind.Delegate);
        binder.Bind(5)!.Value.Kind.Should().Be(HelperCallKind.Static);
        binder.Bind(6).Should().BeNull();
        binder.Bindings.Keys.Should().BeEquivalentTo([1L, 2L, 3L, 4L, 5L, 6L]);
    }

    private static ulong Static(ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, VmRunContext ctx) => r1;

    private class Overridable
    {
        public virtual ulong Call(ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, VmRunContext ctx) => r2;
    }

    private static class VariantTarget
    {
        public static ulong Call(ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, VmRunContext ctx) => r3;
    }
}
