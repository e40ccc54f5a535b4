using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace P4Bpf.P4Runtime.Tests;

/// <summary>Our protos against the field table read from the published p4runtime protos (data/wire-fields.txt): names, numbers, types, labels, and the bytes on the wire.</summary>
public sealed class WireCompatibilityTests
{
    private sealed record Expected(string Message, string Field, int Number, string Type, string Label);

    private static readonly Lazy<List<Expected>> Table = new(() => File.ReadAllLines(TestPipeline.DataPath("wire-fields.txt"))
        .Where(l => l.Length > 0 && l[0] != '#')
        .Select(l => l.Split(' '))
        .Select(p => new Expected(p[0], p[1], int.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture), p[3], p[4]))
        .ToList());

    private static readonly Lazy<Dictionary<string, MessageDescriptor>> Ours = new(() =>
    {
        var all = new Dictionary<string, MessageDescriptor>(StringComparer.Ordinal);
        void Add(MessageDescriptor m)
        {
            all[m.FullName] = m;
            foreach (var n in m.NestedTypes)
            {
                Add(n);
            }
        }
        foreach (var file in new[] { P4.V1.P4RuntimeReflection.Descriptor, P4.V1.P4DataReflection.Descriptor, P4.Config.V1.P4InfoReflection.Descriptor, P4.Config.V1.P4TypesReflection.Descriptor, Google.Rpc.StatusReflection.Descriptor })
        {
            foreach (var m in file.MessageTypes)
            {
                Add(m);
            }
        }
        return all;
    });

    public static TheoryData<string> Messages() => new(Table.Value.Select(e => e.Message).Distinct());

    private static string TypeName(FieldDescriptor f) => f.FieldType switch
    {
        FieldType.Message when f.IsMap => $"map<{TypeName(f.MessageType.FindFieldByNumber(1))},{TypeName(f.MessageType.FindFieldByNumber(2))}>",
        FieldType.Message => f.MessageType.Name,
        FieldType.Enum => f.EnumType.Name,
        _ => f.FieldType.ToString().ToLowerInvariant(),
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Message_HasThePublishedFields(string message)
    {
        Ours.Value.TryGetValue(message, out var descriptor).Should().BeTrue($"{message} must exist");
        var expected = Table.Value.Where(e => e.Message == message).ToList();
        descriptor!.Fields.InDeclarationOrder().Select(f => f.Name).Should().BeEquivalentTo(expected.Select(e => e.Field), "no field missing, none added");
        foreach (var e in expected)
        {
            var f = descriptor.FindFieldByName(e.Field);
            f.FieldNumber.Should().Be(e.Number, $"{message}.{e.Field} number");
            TypeName(f).Should().Be(e.Type.Split('.')[^1].Replace("map<string,", "map<string,", StringComparison.Ordinal), $"{message}.{e.Field} type");
            var label = f.RealContainingOneof is { } o ? "oneof:" + o.Name : f.IsRepeated ? "repeated" : "optional";
            label.Should().Be(e.Label, $"{message}.{e.Field} label");
        }
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void EveryField_SerializesWithItsNumberAndWireType(string message)
    {
        var descriptor = Ours.Value[message];
        foreach (var e in Table.Value.Where(x => x.Message == message))
        {
            var field = descriptor.FindFieldByName(e.Field);
            var instance = descriptor.Parser.ParseFrom(ByteString.Empty);
            SetSample(instance, field);
            var bytes = instance.ToByteArray();
            bytes.Should().NotBeEmpty($"{message}.{e.Field} set to a non-default value is on the wire");
            var input = new CodedInputStream(bytes);
            var tag = input.ReadTag();
            WireFormat.GetTagFieldNumber(tag).Should().Be(e.Number, $"{message}.{e.Field}");
            WireFormat.GetTagWireType(tag).Should().Be(ExpectedWireType(field), $"{message}.{e.Field} wire type");
            descriptor.Parser.ParseFrom(bytes).Should().Be(instance, "it parses back");
        }
    }

    private static WireFormat.WireType ExpectedWireType(FieldDescriptor f) => f.FieldType switch
    {
        FieldType.Message or FieldType.String or FieldType.Bytes => WireFormat.WireType.LengthDelimited,
        FieldType.Fixed32 or FieldType.SFixed32 or FieldType.Float => WireFormat.WireType.Fixed32,
        FieldType.Fixed64 or FieldType.SFixed64 or FieldType.Double => WireFormat.WireType.Fixed64,
        _ when f.IsRepeated && f.IsPacked => WireFormat.WireType.LengthDelimited,
        _ => WireFormat.WireType.Varint,
    };

    private static object Sample(FieldDescriptor f) => f.FieldType switch
    {
        FieldType.Bool => true,
        FieldType.String => "x",
        FieldType.Bytes => ByteString.CopyFrom(7),
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => 5,
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => 5L,
        FieldType.UInt32 or FieldType.Fixed32 => 5u,
        FieldType.UInt64 or FieldType.Fixed64 => 5UL,
        FieldType.Enum => Enum.ToObject(f.EnumType.ClrType, f.EnumType.Values.First(v => v.Number != 0).Number),
        FieldType.Message => f.MessageType.Parser.ParseFrom(ByteString.Empty),
        _ => throw new InvalidOperationException($"no sample for {f.FieldType}"),
    };

    private static void SetSample(IMessage message, FieldDescriptor f)
    {
        if (f.IsMap)
        {
            var dict = (System.Collections.IDictionary)f.Accessor.GetValue(message);
            dict[Sample(f.MessageType.FindFieldByNumber(1))] = Sample(f.MessageType.FindFieldByNumber(2));
        }
        else if (f.IsRepeated)
        {
            ((System.Collections.IList)f.Accessor.GetValue(message)).Add(Sample(f));
        }
        else
        {
            f.Accessor.SetValue(message, Sample(f));
        }
    }

    [Fact]
    public void Services_AndEnums_MatchTheSpec()
    {
        var service = P4.V1.P4RuntimeReflection.Descriptor.Services.Single();
        service.FullName.Should().Be("p4.v1.P4Runtime");
        service.Methods.Select(m => (m.Name, m.InputType.Name, m.OutputType.Name, m.IsClientStreaming, m.IsServerStreaming)).Should().Equal(
            ("Write", "WriteRequest", "WriteResponse", false, false),
            ("Read", "ReadRequest", "ReadResponse", false, true),
            ("SetForwardingPipelineConfig", "SetForwardingPipelineConfigRequest", "SetForwardingPipelineConfigResponse", false, false),
            ("GetForwardingPipelineConfig", "GetForwardingPipelineConfigRequest", "GetForwardingPipelineConfigResponse", false, false),
            ("StreamChannel", "StreamMessageRequest", "StreamMessageResponse", true, true),
            ("Capabilities", "CapabilitiesRequest", "CapabilitiesResponse", false, false));
        ((int)P4.Config.V1.P4Ids.Types.Prefix.Digest).Should().Be(0x17);
        ((int)P4.Config.V1.MatchField.Types.MatchType.Optional).Should().Be(6);
        ((int)P4.V1.SdnPort.Cpu).Should().Be(-3);
        ((int)P4.V1.SetForwardingPipelineConfigRequest.Types.Action.ReconcileAndCommit).Should().Be(5);
        ((int)P4.V1.GetForwardingPipelineConfigRequest.Types.ResponseType.DeviceConfigAndCookie).Should().Be(3);
        ((int)P4.V1.WriteRequest.Types.Atomicity.DataplaneAtomic).Should().Be(2);
    }
}
