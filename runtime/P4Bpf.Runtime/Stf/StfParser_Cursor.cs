using System.Globalization;
using System.Numerics;
using System.Text;

using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Runtime.Stf;

public static partial class StfParser
{
    /// <summary>Walks the tokens of one line; every Expect… reports the first problem as a located error.</summary>
    private sealed class Cursor(List<StfToken> tokens, int line)
    {
        private int _pos;

        public int Line => line;

        public StfToken Peek(int ahead = 0) => tokens[Math.Min(_pos + ahead, tokens.Count - 1)];

        public StfToken Next() => tokens[Math.Min(_pos++, tokens.Count - 1)];

        public bool AtEnd => Peek().Kind == StfTokenKind.End;

        public LineErrorException ErrorAt(StfToken token, string message) => Error(line, token.Column, message);

        public bool TryPunct(string punct)
        {
            if (!Peek().Is(punct))
                return false;
            _pos++;
            return true;
        }

        public void Expect(string punct, string context)
        {
            if (!TryPunct(punct))
                throw ErrorAt(Peek(), $"expected '{punct}' {context}, found {Peek()}");
        }

        public void ExpectEnd()
        {
            if (!AtEnd)
                throw ErrorAt(Peek(), $"unexpected {Peek()} at the end of the command");
        }

        public bool AtName => Peek().Kind is StfTokenKind.Identifier or StfTokenKind.String;

        /// <summary>A name: <c>a.b[3].c</c>, <c>a$3.c</c>, or <c>"quoted"</c>.</summary>
        public StfName Name(string what)
        {
            var first = Next();
            if (first.Kind == StfTokenKind.String)
                return new StfName(first.Text, first.Text);
            if (first.Kind != StfTokenKind.Identifier)
                throw ErrorAt(first, $"expected {what}, found {first}");
            var sb = new StringBuilder(first.Text);
            while (true)
            {
                if (Peek().Is(".") && Peek(1).Kind == StfTokenKind.Identifier)
                {
                    sb.Append('.').Append(Peek(1).Text);
                    _pos += 2;
                }
                else if (Peek().Is("[") && Peek(1).Kind == StfTokenKind.Number && Peek(2).Is("]"))
                {
                    sb.Append('[').Append(Peek(1).Text).Append(']');
                    _pos += 3;
                }
                else
                {
                    break;
                }
            }
            return StfName.FromText(sb.ToString());
        }

        /// <summary>A number with an optional leading '-', or <c>true</c>/<c>false</c>; Mask is set when it has <c>*</c> digits.</summary>
        public (BigInteger Value, BigInteger? Mask, int DigitBits, StfToken Token) Value(string what)
        {
            var token = Peek();
            if (token.Kind == StfTokenKind.Identifier && token.Text is "true" or "false")
            {
                _pos++;
                return (token.Text == "true" ? BigInteger.One : BigInteger.Zero, null, 1, token);
            }
            bool negative = TryPunct("-");
            var number = Next();
            if (number.Kind != StfTokenKind.Number)
                throw ErrorAt(number, $"expected {what}, found {number}");
            if (!StfNumber.TryParse((negative ? "-" : "") + number.Text, out var value, out var mask, out int bits, out var error))
                throw ErrorAt(number, error!);
            return (value, mask, bits, negative ? token : number);
        }

        public BigInteger Big(string what)
        {
            var (value, mask, _, token) = Value(what);
            if (mask is not null)
                throw ErrorAt(token, $"'*' digits are not allowed in {what}");
            return value;
        }

        public long Int64(string what)
        {
            var token = Peek();
            var value = Big(what);
            if (value < 0 || value > long.MaxValue)
                throw ErrorAt(token, $"{what} {value} is out of range");
            return (long)value;
        }

        public int Int32(string what)
        {
            var token = Peek();
            var value = Int64(what);
            if (value > int.MaxValue)
                throw ErrorAt(token, $"{what} {value} is out of range");
            return (int)value;
        }

        /// <summary>Zero or more port numbers up to the end of the line.</summary>
        public EquatableArray<int> Ports()
        {
            var ports = new List<int>();
            while (!AtEnd)
                ports.Add(Int32("port"));
            return new EquatableArray<int>(ports);
        }

        /// <summary>One or more <c>rate:burst</c> pairs up to the end of the line.</summary>
        public EquatableArray<StfMeterRate> MeterRates()
        {
            var rates = new List<StfMeterRate>();
            do
            {
                var token = Next();
                if (token.Kind != StfTokenKind.Number
                    || !double.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate))
                    throw ErrorAt(token, $"expected a meter rate such as 0.0001:10, found {token}");
                Expect(":", "between meter rate and burst");
                rates.Add(new StfMeterRate(rate, Int64("burst size")));
            }
            while (!AtEnd);
            return new EquatableArray<StfMeterRate>(rates);
        }
    }
}
