using P4.V1;
using P4Bpf.Cli.Demo;
using P4Bpf.P4Runtime.Client;

namespace P4Bpf.Examples;

/// <summary>The vxlan's controller: this VTEP's address, the remote VM's MAC behind the remote VTEP (encapsulation), and the VNI's access port (decapsulation).</summary>
internal sealed class VxlanController : ExampleController
{
    public override string Example => "vxlan";

    public override string Description => "VXLAN tunnel endpoint (v1model): frames from access port 1 are encapsulated towards 172.16.0.2 (VNI 5001); VXLAN from underlay port 2 is decapsulated.";

    public override async Task InstallAsync(P4RuntimeClient client)
    {
        await client.WriteAsync(
        [
            Insert(client.Entry("vtep_ip", Args(("hdr.ipv4.dstAddr", "172.16.0.1")), "NoAction")),
            Insert(client.Entry("vxlan_encap", Args(("hdr.ethernet.dstAddr", "02:00:00:00:00:02")), "encap", Args(
                ("vni", "5001"), ("local_mac", "00:00:00:00:aa:01"), ("local_ip", "172.16.0.1"), ("remote_mac", "00:00:00:00:bb:01"), ("remote_ip", "172.16.0.2")))),
            Insert(client.Entry("vxlan_decap", Args(("hdr.vxlan.vni", "5001")), "decap", Args(("port", "1")))),
        ]).ConfigureAwait(false);
        Log.Add("VTEP 172.16.0.1; VM 02:00:00:00:00:02 is behind VTEP 172.16.0.2 (VNI 5001); VNI 5001 decapsulates to port 1");
    }

    private static Update Insert(TableEntry e) => new() { Type = Update.Types.Type.Insert, Entity = new Entity { TableEntry = e } };
}
