using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Runtime.Stf;

public static partial class StfParser
{
    // add TABLE [PRIORITY] KEY:VALUE... ACTION(ARG:VALUE, ...) [= HANDLE]
    private static StfAddEntry ParseAdd(Cursor c)
    {
        var table = c.Name("a table name");
        long? priority = c.Peek().Kind == StfTokenKind.Number ? c.Int64("priority") : null;
        var keys = new List<StfKeyMatch>();
        while (true)
        {
            if (!c.AtName)
                throw c.ErrorAt(c.Peek(), $"expected a key 'field:value' or an action call, found {c.Peek()}");
            var name = c.Name("a key field or action");
            if (c.TryPunct(":"))
            {
                keys.Add(new StfKeyMatch(name, ParseMatchValue(c)));
                continue;
            }
            var action = ParseActionArgs(c, name);
            string? handle = c.TryPunct("=") ? Handle(c) : null;
            return new StfAddEntry(c.Line, table, priority, new EquatableArray<StfKeyMatch>(keys), action, handle);
        }
    }

    // setdefault TABLE ACTION(ARG:VALUE, ...)
    private static StfSetDefault ParseSetDefault(Cursor c)
    {
        var table = c.Name("a table name");
        var action = ParseActionArgs(c, c.Name("an action name"));
        return new StfSetDefault(c.Line, table, action);
    }

    // remove all | remove TABLE [PRIORITY] KEY:VALUE... | remove TABLE $HANDLE
    private static StfCommand ParseRemove(Cursor c)
    {
        if (c.Peek().Kind == StfTokenKind.Identifier && c.Peek().Text.Equals("all", StringComparison.OrdinalIgnoreCase)
            && c.Peek(1).Kind == StfTokenKind.End)
        {
            c.Next();
            return new StfRemoveAll(c.Line);
        }
        var table = c.Name("a table name or 'all'");
        if (c.Peek().Kind == StfTokenKind.Identifier && c.Peek().Text.StartsWith('$') && c.Peek(1).Kind == StfTokenKind.End)
            return new StfRemoveEntry(c.Line, table, null, EquatableArray<StfKeyMatch>.Empty, c.Next().Text[1..]);
        long? priority = c.Peek().Kind == StfTokenKind.Number ? c.Int64("priority") : null;
        var keys = new List<StfKeyMatch>();
        while (!c.AtEnd)
        {
            var name = c.Name("a key field");
            c.Expect(":", "after the key field");
            keys.Add(new StfKeyMatch(name, ParseMatchValue(c)));
        }
        return new StfRemoveEntry(c.Line, table, priority, new EquatableArray<StfKeyMatch>(keys));
    }

    // check_counter NAME(INDEX | $HANDLE) [packets|bytes OP N]
    private static StfCheckCounter ParseCheckCounter(Cursor c)
    {
        var counter = c.Name("a counter name");
        c.Expect("(", "after the counter name");
        long? index = null;
        string? handle = null;
        if (c.Peek().Kind == StfTokenKind.Identifier)
            handle = c.Next().Text.TrimStart('$');
        else
            index = c.Int64("counter index");
        c.Expect(")", "after the counter index");
        if (c.AtEnd)
            return new StfCheckCounter(c.Line, counter, index, handle, null);
        var kindToken = c.Next();
        StfCounterKind kind = kindToken.Text.ToLowerInvariant() switch
        {
            "packets" => StfCounterKind.Packets,
            "bytes" => StfCounterKind.Bytes,
            _ => throw c.ErrorAt(kindToken, $"expected 'packets' or 'bytes', found {kindToken}"),
        };
        var opToken = c.Next();
        StfComparison op = opToken.Kind != StfTokenKind.Punct ? Bad() : opToken.Text switch
        {
            "==" => StfComparison.Equal,
            "!=" => StfComparison.NotEqual,
            "<" => StfComparison.Less,
            "<=" => StfComparison.LessOrEqual,
            ">" => StfComparison.Greater,
            ">=" => StfComparison.GreaterOrEqual,
            _ => Bad(),
        };
        var expected = c.Big("the expected count");
        return new StfCheckCounter(c.Line, counter, index, handle, new StfCounterExpectation(kind, op, expected));

        StfComparison Bad() => throw c.ErrorAt(opToken, $"expected a comparison (==, !=, <, <=, >, >=), found {opToken}");
    }

    // V | V&&&M | V/N | LO->HI | * | digits with '*'
    private static StfMatchValue ParseMatchValue(Cursor c)
    {
        if (c.TryPunct("*"))
            return new StfMatchValue.Wildcard();
        var (value, mask, bits, token) = c.Value("a key value");
        if (mask is { } m)
        {
            if (c.Peek().Is("&&&") || c.Peek().Is("/") || c.Peek().Is("->"))
                throw c.ErrorAt(c.Peek(), $"a value with '*' digits cannot be followed by {c.Peek()}");
            return new StfMatchValue.Ternary(value, m, bits);
        }
        if (c.TryPunct("&&&"))
        {
            var maskValue = c.Big("a ternary mask");
            return new StfMatchValue.Ternary(value & maskValue, maskValue);
        }
        if (c.TryPunct("/"))
        {
            var lengthToken = c.Peek();
            long length = c.Int64("a prefix length");
            if (length > 4096)
                throw c.ErrorAt(lengthToken, $"prefix length {length} is too large");
            return new StfMatchValue.Lpm(value, (int)length);
        }
        if (c.TryPunct("->"))
        {
            var high = c.Big("the upper bound of a range");
            if (high < value)
                throw c.ErrorAt(token, $"range {StfNumber.ToHex(value)}->{StfNumber.ToHex(high)} is empty");
            return new StfMatchValue.Range(value, high);
        }
        return new StfMatchValue.Exact(value);
    }

    // ACTION(ARG:VALUE, ...), or a bare ACTION with no arguments
    private static StfActionCall ParseActionArgs(Cursor c, StfName action)
    {
        var args = new List<StfActionArg>();
        if (!c.TryPunct("("))
        {
            if (c.AtEnd || c.Peek().Is("="))
                return new StfActionCall(action, EquatableArray<StfActionArg>.Empty);
            throw c.ErrorAt(c.Peek(), $"expected ':' after a key field or '(' after an action name, found {c.Peek()}");
        }
        if (!c.TryPunct(")"))
        {
            do
            {
                var nameToken = c.Next();
                if (nameToken.Kind != StfTokenKind.Identifier)
                    throw c.ErrorAt(nameToken, $"expected an action parameter name, found {nameToken}");
                c.Expect(":", "after the action parameter name");
                args.Add(new StfActionArg(nameToken.Text, c.Big("an action parameter value")));
            }
            while (c.TryPunct(","));
            c.Expect(")", "to close the action arguments");
        }
        return new StfActionCall(action, new EquatableArray<StfActionArg>(args));
    }

    private static string Handle(Cursor c)
    {
        var token = c.Next();
        if (token.Kind is not (StfTokenKind.Identifier or StfTokenKind.Number))
            throw c.ErrorAt(token, $"expected an entry handle name after '=', found {token}");
        return token.Text.TrimStart('$');
    }
}
