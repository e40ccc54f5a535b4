using P4Bpf.Runtime.Packets;

using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Runtime.Stf;

/// <summary>Parses STF (simple test framework) files as written for p4c and BMv2 into typed commands.</summary>
/// <remarks>
/// One statement per line; <c>#</c> starts a comment; keywords are case-insensitive. Bad lines become
/// <see cref="StfParseError"/>s and parsing goes on with the next line; this never throws on bad input.
/// The per-keyword grammar is in StfParser_Tables.cs, StfParser_Packets.cs and StfParser_Switch.cs.
/// </remarks>
public static partial class StfParser
{
    /// <summary>Parses STF text.</summary>
    public static StfScript Parse(string text)
    {
        var commands = new List<StfCommand>();
        var errors = new List<StfParseError>();
        var lines = text.Split('\n');
        for (int index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd('\r');
            int hash = line.IndexOf('#');
            if (hash >= 0)
                line = line[..hash];
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                var command = ParseLine(line, index + 1);
                if (command is not null)
                    commands.Add(command);
            }
            catch (LineErrorException e)
            {
                errors.Add(e.Error);
            }
        }
        return new StfScript(new EquatableArray<StfCommand>(commands), new EquatableArray<StfParseError>(errors));
    }

    /// <summary>Reads and parses a file; an unreadable file gives one error at line 0.</summary>
    public static StfScript ParseFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new StfScript(EquatableArray<StfCommand>.Empty, new[] { new StfParseError(0, 0, $"cannot read {path}: {e.Message}") });
        }
        return Parse(text);
    }

    private static StfCommand? ParseLine(string line, int lineNumber)
    {
        int start = 0;
        while (char.IsWhiteSpace(line[start]))
            start++;
        int end = start;
        while (end < line.Length && (char.IsAsciiLetterOrDigit(line[end]) || line[end] == '_'))
            end++;
        if (end == start)
            throw Error(lineNumber, start + 1, $"expected a command, found '{line[start]}'");
        var keyword = line[start..end].ToLowerInvariant();
        int keywordColumn = start + 1;

        switch (keyword)
        {
            case "packet":
                return ParsePacket(line, end, lineNumber);
            case "expect":
                return ParseExpect(line, end, lineNumber);
        }

        var tokens = new List<StfToken>();
        if (!StfLexer.TryTokenize(line, end, lineNumber, tokens, out var lexError))
            throw new LineErrorException(lexError!);
        var c = new Cursor(tokens, lineNumber);
        StfCommand command = keyword switch
        {
            "add" => ParseAdd(c),
            "setdefault" => ParseSetDefault(c),
            "remove" => ParseRemove(c),
            "no_packet" => new StfNoPacket(lineNumber, c.AtEnd ? null : c.Int32("port")),
            "wait" => new StfWait(lineNumber, c.AtEnd ? null : c.Int64("amount")),
            "check_counter" => ParseCheckCounter(c),
            "mc_mgrp_create" => new StfMcGroupCreate(lineNumber, c.Int64("multicast group")),
            "mc_mgrp_destroy" => new StfMcGroupDestroy(lineNumber, c.Int64("multicast group")),
            "mc_node_create" => new StfMcNodeCreate(lineNumber, c.Int64("replication id"), c.Ports()),
            "mc_node_update" => new StfMcNodeUpdate(lineNumber, c.Int64("node handle"), c.Ports()),
            "mc_node_destroy" => new StfMcNodeDestroy(lineNumber, c.Int64("node handle")),
            "mc_node_associate" => new StfMcNodeAssociate(lineNumber, c.Int64("multicast group"), c.Int64("node handle")),
            "mc_node_dissociate" => new StfMcNodeDissociate(lineNumber, c.Int64("multicast group"), c.Int64("node handle")),
            "mirroring_add" => new StfMirroringAdd(lineNumber, c.Int64("session"), c.Int32("port")),
            "mirroring_add_mc" => new StfMirroringAddMc(lineNumber, c.Int64("session"), c.Int64("multicast group")),
            "mirroring_delete" => new StfMirroringDelete(lineNumber, c.Int64("session")),
            "mirroring_get" => new StfMirroringGet(lineNumber, c.Int64("session")),
            "counter_read" => new StfCounterRead(lineNumber, c.Name("counter name"), c.Int64("index")),
            "counter_write" => new StfCounterWrite(lineNumber, c.Name("counter name"), c.Int64("index"), c.Big("packets"), c.Big("bytes")),
            "counter_reset" => new StfCounterReset(lineNumber, c.Name("counter name")),
            "register_read" => new StfRegisterRead(lineNumber, c.Name("register name"), c.Int64("index")),
            "register_write" => new StfRegisterWrite(lineNumber, c.Name("register name"), c.Int64("index"), c.Big("value")),
            "register_reset" => new StfRegisterReset(lineNumber, c.Name("register name")),
            "meter_get_rates" => new StfMeterGetRates(lineNumber, c.Name("meter name"), c.Int64("index")),
            "meter_set_rates" => new StfMeterSetRates(lineNumber, c.Name("meter name"), c.Int64("index"), c.MeterRates()),
            "meter_array_set_rates" => new StfMeterArraySetRates(lineNumber, c.Name("meter name"), c.MeterRates()),
            _ when ParseActionProfileCommand(keyword, c) is { } profileCommand => profileCommand,
            _ => throw Error(lineNumber, keywordColumn, $"unknown command '{line[start..end]}'"),
        };
        c.ExpectEnd();
        return command;
    }

    private static StfCommand ParsePacket(string line, int afterKeyword, int lineNumber)
    {
        var (port, dataStart) = ReadPort(line, afterKeyword, lineNumber, "packet");
        if (!PacketPattern.TryParse(line[dataStart..], allowWildcards: false, out var pattern, out int at, out var error))
            throw Error(lineNumber, dataStart + at + 1, error!);
        return new StfPacket(lineNumber, port, pattern!.Value.ToArray());
    }

    private static StfCommand ParseExpect(string line, int afterKeyword, int lineNumber)
    {
        var (port, dataStart) = ReadPort(line, afterKeyword, lineNumber, "expect");
        var rest = line[dataStart..];
        if (string.IsNullOrWhiteSpace(rest))
            return new StfExpect(lineNumber, port, null);
        if (!PacketPattern.TryParse(rest, allowWildcards: true, out var pattern, out int at, out var error))
            throw Error(lineNumber, dataStart + at + 1, error!);
        return new StfExpect(lineNumber, port, pattern);
    }

    /// <summary>Reads the port after packet/expect; returns it and the offset where packet data begins.</summary>
    private static (int Port, int DataStart) ReadPort(string line, int i, int lineNumber, string keyword)
    {
        if (i < line.Length && !char.IsWhiteSpace(line[i]))
            throw Error(lineNumber, i + 1, $"expected a space after '{keyword}'");
        while (i < line.Length && char.IsWhiteSpace(line[i]))
            i++;
        int begin = i;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] == '_'))
            i++;
        if (begin == i)
            throw Error(lineNumber, begin + 1, $"expected a port number after '{keyword}'");
        var text = line[begin..i];
        if (!StfNumber.TryParse(text, out var value, out var error) || value < 0 || value > int.MaxValue)
            throw Error(lineNumber, begin + 1, error ?? $"port '{text}' is out of range");
        if (i < line.Length && !char.IsWhiteSpace(line[i]))
            throw Error(lineNumber, i + 1, $"expected a space after the port number");
        return ((int)value, i);
    }

    private static LineErrorException Error(int line, int column, string message) =>
        new(new StfParseError(line, column, message));

    /// <summary>Carries a line's first error to the per-line loop in <see cref="Parse"/>; never escapes this class.</summary>
    private sealed class LineErrorException(StfParseError error) : Exception(error.Message)
    {
        public StfParseError Error { get; } = error;
    }
}
