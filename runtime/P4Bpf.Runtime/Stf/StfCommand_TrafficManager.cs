using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Runtime.Stf;

/// <summary><c>mc_mgrp_create GROUP</c> — create a multicast group.</summary>
public sealed record StfMcGroupCreate(int Line, long Group) : StfCommand(Line)
{
    public override string Keyword => "mc_mgrp_create";
}

/// <summary><c>mc_mgrp_destroy GROUP</c> — delete a multicast group.</summary>
public sealed record StfMcGroupDestroy(int Line, long Group) : StfCommand(Line)
{
    public override string Keyword => "mc_mgrp_destroy";
}

/// <summary><c>mc_node_create RID PORT…</c> — create a replication node; nodes get handles 0, 1, 2… in creation order.</summary>
public sealed record StfMcNodeCreate(int Line, long Rid, EquatableArray<int> Ports) : StfCommand(Line)
{
    public override string Keyword => "mc_node_create";
}

/// <summary><c>mc_node_update HANDLE PORT…</c> — replace the ports of a node.</summary>
public sealed record StfMcNodeUpdate(int Line, long Node, EquatableArray<int> Ports) : StfCommand(Line)
{
    public override string Keyword => "mc_node_update";
}

/// <summary><c>mc_node_destroy HANDLE</c> — delete a node.</summary>
public sealed record StfMcNodeDestroy(int Line, long Node) : StfCommand(Line)
{
    public override string Keyword => "mc_node_destroy";
}

/// <summary><c>mc_node_associate GROUP HANDLE</c> — add a node to a group.</summary>
public sealed record StfMcNodeAssociate(int Line, long Group, long Node) : StfCommand(Line)
{
    public override string Keyword => "mc_node_associate";
}

/// <summary><c>mc_node_dissociate GROUP HANDLE</c> — remove a node from a group.</summary>
public sealed record StfMcNodeDissociate(int Line, long Group, long Node) : StfCommand(Line)
{
    public override string Keyword => "mc_node_dissociate";
}

/// <summary><c>mirroring_add SESSION PORT</c> — clone session to a port.</summary>
public sealed record StfMirroringAdd(int Line, long Session, int Port) : StfCommand(Line)
{
    public override string Keyword => "mirroring_add";
}

/// <summary><c>mirroring_add_mc SESSION GROUP</c> — clone session to a multicast group.</summary>
public sealed record StfMirroringAddMc(int Line, long Session, long Group) : StfCommand(Line)
{
    public override string Keyword => "mirroring_add_mc";
}

/// <summary><c>mirroring_delete SESSION</c>.</summary>
public sealed record StfMirroringDelete(int Line, long Session) : StfCommand(Line)
{
    public override string Keyword => "mirroring_delete";
}

/// <summary><c>mirroring_get SESSION</c> — read back a session (informational).</summary>
public sealed record StfMirroringGet(int Line, long Session) : StfCommand(Line)
{
    public override string Keyword => "mirroring_get";
}
