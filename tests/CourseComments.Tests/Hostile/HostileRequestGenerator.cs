using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CourseComments.Tests.Hostile;

/// <summary>
/// Seeded generator of hostile webhook requests: oversized, mis-signed, mutated, spoofed, malformed, replayed, with
/// invalid comments, with ill-formed or invisible Unicode, with numbers outside their ranges, and with unprintable
/// token ids. The same seed and clock always give the same requests. Each request differs from a valid,
/// fresh, correctly signed event in exactly one way, so the status it must get (and why) is known.
/// </summary>
internal sealed class HostileRequestGenerator(int seed, DateTimeOffset now, string secret)
{
    public const int MaxBodyBytes = 64 * 1024;
    private const long FreshnessWindowMs = 60_000;
    private const long MaxClockSkewMs = 5_000;
    private const string AttackerSecret = "not-the-webhook-secret";
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";

    private static readonly string[] StringFields = ["cache", "topic", "token_id", "text"];
    private static readonly string[] NumberFields = ["event_timestamp", "publish_timestamp", "topic_sequence_number"];
    private static readonly string[] NotAString = ["42", "true", "null", "[]", "{}"];
    private static readonly string[] NotALong = [
        "\"123\"", "1.5", "1.0", "1e3", "true", "null", "[]", "{}", "99999999999999999999", "-99999999999999999999"];

    private readonly Random random = new(seed);
    private readonly long nowMs = now.ToUnixTimeMilliseconds();

    public IEnumerable<HostileRequest> Generate(int count)
    {
        Func<HostileRequest>[] categories =
            [Oversized, MisSigned, Mutated, Spoofed, Malformed, Replayed, InvalidComment, Unicode, Ranges,
                UnprintableTokenId];
        for (var i = 0; i < count; i++)
        {
            yield return categories[i % categories.Length]();
        }
    }

    private HostileRequest Oversized()
    {
        var size = MaxBodyBytes + 1 + random.Next(16 * 1024);
        var unknownLength = random.Next(2) == 0;
        if (random.Next(2) == 0)
        {
            // A genuine, correctly signed event whose text alone is too large.
            var body = Render(Replace(ValidFields(), "text", "\"" + new string('x', size) + "\""));
            return Signed("oversized", "signed-event", body, 413, "body-too-large", unknownLength);
        }

        return new HostileRequest(
            "oversized", "random-bytes", random.GetBytes(size), [RandomHex(64)], unknownLength, 413, "body-too-large");
    }

    private HostileRequest MisSigned()
    {
        var body = Render(ValidFields());
        var valid = EventSigner.Sign(secret, body);
        (string Variant, string[] Signatures) choice = random.Next(12) switch
        {
            0 => ("no-header", []),
            1 => ("empty", [""]),
            2 => ("random-hex", [RandomHex(64)]),
            3 => ("one-digit-changed", [ChangeOneHexDigit(valid)]),
            4 => ("truncated", [valid[..^random.Next(1, 64)]]),
            5 => ("extended", [valid + RandomHex(random.Next(1, 8))]),
            6 => ("other-body", [EventSigner.Sign(secret, Render(ValidFields()))]),
            7 => ("not-hex", [new string('z', 64)]),
            8 => ("base64", [Convert.ToBase64String(Convert.FromHexString(valid))]),
            9 => ("prefixed", ["sha3=" + valid]),
            10 => ("valid-plus-second-value", random.Next(2) == 0 ? [valid, RandomHex(64)] : [RandomHex(64), valid]),
            _ => ("secret-as-signature", [secret]),
        };
        return new HostileRequest(
            "mis-signed", choice.Variant, body, choice.Signatures, false, 403, "signature-invalid");
    }

    private HostileRequest Mutated()
    {
        var fields = ValidFields();
        var original = Render(fields);
        var signature = EventSigner.Sign(secret, original);
        var deleteAt = random.Next(original.Length);
        var (variant, body) = random.Next(6) switch
        {
            0 => ("bit-flip", FlipBit(original)),
            1 => ("byte-inserted", InsertByte(original)),
            2 => ("byte-deleted", [.. original[..deleteAt], .. original[(deleteAt + 1)..]]),
            3 => ("token-id-replaced", Render(Replace(fields, "token_id", "\"admin\""))),
            4 => ("whitespace-appended", [.. original, (byte)' ']),
            _ => ("text-replaced",
                Render(Replace(fields, "text", JsonSerializer.Serialize(EventSigner.CommentText("other", "spoofed"))))),
        };
        if (body.AsSpan().SequenceEqual(original))
        {
            body = FlipBit(original);
        }

        return new HostileRequest("mutated", variant, body, [signature], false, 403, "signature-invalid");
    }

    private HostileRequest Spoofed()
    {
        switch (random.Next(7))
        {
            case 0:
                var forged = Render(ValidFields(tokenId: "admin"));
                return new HostileRequest("spoofed", "attacker-secret", forged,
                    [EventSigner.Sign(AttackerSecret, forged)], false, 403, "signature-invalid");
            case 1:
                var keyless = Render(ValidFields());
                return new HostileRequest("spoofed", "keyless-sha3", keyless,
                    [Convert.ToHexStringLower(SHA3_256.HashData(keyless))], false, 403, "signature-invalid");
            case 2:
                var sha2 = Render(ValidFields());
                return new HostileRequest("spoofed", "hmac-sha256", sha2, [Convert.ToHexStringLower(
                    HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), sha2))], false, 403, "signature-invalid");
            case 3:
                var cache = Pick(["other-cache", "Course-Comments", "course-comments ", ""]);
                return Signed("spoofed", "other-cache", Render(ValidFields(cache: cache)), 400, "unexpected-topic");
            case 4:
                var topic = Pick(["other-topic", "Comment", "comment\u0000", ""]);
                return Signed("spoofed", "other-topic", Render(ValidFields(topic: topic)), 400, "unexpected-topic");
            case 5:
                return Signed("spoofed", "empty-token-id", Render(ValidFields(tokenId: "")), 400, "invalid-token-id");
            default:
                var tooLong = RandomString(IdAlphabet, 65 + random.Next(200));
                return Signed(
                    "spoofed", "token-id-too-long", Render(ValidFields(tokenId: tooLong)), 400, "invalid-token-id");
        }
    }

    private HostileRequest Malformed()
    {
        var fields = ValidFields();
        var valid = Render(fields);
        var missing = random.Next(fields.Count);
        (string Variant, byte[] Body) choice = random.Next(13) switch
        {
            0 => ("random-bytes", random.GetBytes(random.Next(1, 300))),
            1 => ("truncated", valid[..random.Next(valid.Length)]),
            2 => ("missing-field", Render(fields.Where((_, i) => i != missing))),
            3 => ("string-field-wrong-type", Render(Replace(fields, Pick(StringFields), Pick(NotAString)))),
            4 => ("number-field-wrong-type", Render(Replace(fields, Pick(NumberFields), Pick(NotALong)))),
            5 => ("duplicate-field", Render([.. fields, fields[random.Next(fields.Count)]])),
            6 => ("not-an-object", Encoding.UTF8.GetBytes(
                Pick(["[]", "\"event\"", "42", "null", "[" + Encoding.UTF8.GetString(valid) + "]"]))),
            7 => ("invalid-utf8", InvalidUtf8(fields)),
            8 => ("trailing-garbage",
                [.. valid, .. Encoding.UTF8.GetBytes(Pick([" x", "}", ",{}", Encoding.UTF8.GetString(valid)]))]),
            9 => ("too-deep", Render([.. fields, ("extra", new string('[', 100) + new string(']', 100))])),
            10 => ("json-comment", [(byte)'{', .. "/*c*/"u8, .. valid[1..]]),
            11 => ("empty", []),
            _ => ("name-case-changed", Render(fields.Select(f => f.Name == "cache" ? ("Cache", f.Raw) : f))),
        };
        return Signed("malformed", choice.Variant, choice.Body, 400, "malformed-event");
    }

    private HostileRequest Replayed()
    {
        (string Variant, long Publish, string Code) choice = random.Next(5) switch
        {
            0 => ("just-stale", nowMs - FreshnessWindowMs - 1 - random.Next(1000), "stale-event"),
            1 =>
                ("long-stale", nowMs - FreshnessWindowMs - random.NextInt64(1, 400L * 24 * 3600 * 1000), "stale-event"),
            2 => ("epoch-or-negative", Pick([0L, -1L, long.MinValue, -random.NextInt64(long.MaxValue)]), "stale-event"),
            3 => ("just-future", nowMs + MaxClockSkewMs + 1 + random.Next(1000), "future-event"),
            _ => ("far-future", Pick(
                [long.MaxValue, nowMs + random.NextInt64(MaxClockSkewMs + 1, long.MaxValue - nowMs)]), "future-event"),
        };
        return Signed("replayed", choice.Variant, Render(ValidFields(publish: choice.Publish)), 400, choice.Code);
    }

    private HostileRequest InvalidComment()
    {
        var course = RandomCourse();
        (string Variant, string Text) choice = random.Next(12) switch
        {
            0 => ("not-json", RandomString("abc {}\"[]:,", random.Next(0, 40))),
            1 => ("not-an-object", Pick(["[]", "\"hi\"", "7", "null", "true"])),
            2 => ("no-course", JsonSerializer.Serialize(new { comment = "hello" })),
            3 => ("bad-course", "{\"courseId\":"
                + Pick(["\"\"", "\"../etc\"", "\"a b\"", "\"" + new string('a', 65) + "\"", "null", "true", "{}", "[]",
                    "1.5", "\"é\""])
                + ",\"comment\":\"hi\"}"),
            4 => ("no-comment", "{\"courseId\":\"" + course + "\"}"),
            5 => ("empty-comment", "{\"courseId\":\"" + course + "\",\"comment\":\"\"}"),
            6 => ("blank-comment", "{\"courseId\":\"" + course + "\",\"comment\":\""
                + new string(' ', random.Next(1, 20)) + "\\t\\n\"}"),
            7 => ("comment-not-string", "{\"courseId\":\"" + course + "\",\"comment\":" + Pick(NotAString) + "}"),
            8 => ("comment-too-long",
                EventSigner.CommentText(course, RandomString("abcdefgh ", 1001 + random.Next(3000)))),
            9 => ("duplicate-comment", "{\"courseId\":\"" + course + "\",\"comment\":\"a\",\"comment\":\"b\"}"),
            10 => ("too-deep", "{\"courseId\":\"" + course + "\",\"comment\":\"a\",\"x\":"
                + new string('[', 20) + new string(']', 20) + "}"),
            _ => ("truncated", EventSigner.CommentText(course, "hello")[..^1]),
        };
        return Signed(
            "invalid-comment", choice.Variant, Render(ValidFields(text: choice.Text)), 400, "invalid-comment");
    }

    private static readonly string[] BidiControls =
        ["\u061C", "\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068",
            "\u2069"];

    // Characters nothing of which shows: white space, controls, format characters (bidirectional controls among them),
    // default-ignorable code points, the blank braille pattern.
    private static readonly string[] Invisible =
    [
        " ", "\t", "\n", "\u00A0", "\u3000", "\u2028", "\u2029", "\u0007", "\u001B", "\u0085", "\u00AD", "\u034F",
        "\u115F", "\u1160", "\u200B", "\u200C", "\u200D", "\u2060", "\u3164", "\uFFA0", "\u2800", "\uFEFF", "\uFE0F",
        "\U000E0020", "\U000E0100", .. BidiControls,
    ];

    // Surrogates as JSON escapes: alone, reversed, or a high one followed by something that is not a low one.
    private static readonly string[] LoneSurrogateEscapes =
        ["\\ud83d", "\\ude00", "\\udfff", "\\ud800", "\\ude00\\ud83d", "\\ud83d\\ud83d", "\\ud83dx", "\\uDBFF"];

    private HostileRequest Unicode()
    {
        var course = RandomCourse();
        var lone = Pick(LoneSurrogateEscapes);
        // A comment's JSON, spelled with escapes, as the event's text field carries it.
        string Text(string json) => "\"" + json.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        switch (random.Next(9))
        {
            case 0:
                return Signed("unicode", "lone-surrogate-in-comment", Render(Replace(ValidFields(), "text", Text(
                    "{\"courseId\":\"" + course + "\",\"comment\":\"cut " + lone + "\"}"))), 400, "invalid-comment");
            case 1:
                var where = Pick([
                    "{\"courseId\":\"" + lone + "\",\"comment\":\"hi\"}",
                    "{\"courseId\":\"" + course + "\",\"comment\":\"hi\",\"x\":\"" + lone + "\"}",
                    "{\"courseId\":\"" + course + "\",\"comment\":\"hi\",\"" + lone + "\":1}",
                    "{\"courseId\":\"" + course + "\",\"comment\":\"hi\",\"x\":[[\"" + lone + "\"]]}",
                ]);
                return Signed("unicode", "lone-surrogate-elsewhere-in-text",
                    Render(Replace(ValidFields(), "text", Text(where))), 400, "invalid-comment");
            case 2:
                var field = Pick(StringFields);
                var raw = field == "text"
                    ? "\"{\\\"courseId\\\":\\\"" + course + "\\\",\\\"comment\\\":\\\"cut " + lone + "\\\"}\""
                    : "\"" + (field == "token_id" ? "user" : field == "cache" ? "course-comments" : "comment") + lone
                        + "\"";
                return Signed("unicode", "lone-surrogate-in-event-field", Render(Replace(ValidFields(), field, raw)),
                    400, "malformed-event");
            case 3:
                return Signed("unicode", "raw-surrogate-bytes", InvalidBytes(Pick<byte[]>(
                    [[0xED, 0xA0, 0xBD], [0xED, 0xB8, 0x80], [0xED, 0xBF, 0xBF]])), 400, "malformed-event");
            case 4:
                return Signed(
                    "unicode", "invalid-utf8",
                        InvalidBytes(Pick<byte[]>([[0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xF5, 0x80, 0x80, 0x80],
                            [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xFE]])), 400, "malformed-event");
            case 5:
                // One leading mark is ignored; what follows must still be a valid comment.
                const string Bom = "\uFEFF";
                var text = random.Next(4) switch
                {
                    0 => Bom + Bom + EventSigner.CommentText(course, "two marks"),
                    1 => string.Concat(Enumerable.Repeat(Bom, random.Next(1, 4))),
                    2 => Bom + EventSigner.CommentText(course, Bom + InvisibleRun([" ", Bom])),
                    _ => Bom + EventSigner.CommentText(course, "cut")[..^1],
                };
                return Signed("unicode", "byte-order-mark", Render(ValidFields(text: text)), 400, "invalid-comment");
            case 6:
                return Signed("unicode", "invisible-only-comment", Render(ValidFields(
                    text: EventSigner.CommentText(course, InvisibleRun(Invisible)))), 400, "invalid-comment");
            case 7:
                return Signed("unicode", "bidi-only-comment", Render(ValidFields(
                    text: EventSigner.CommentText(course, InvisibleRun(BidiControls)))), 400, "invalid-comment");
            default:
                var id = "user" + Pick(BidiControls) + RandomString(IdAlphabet, random.Next(0, 20));
                return Signed(
                    "unicode", "bidi-control-in-token-id", Render(ValidFields(tokenId: id)), 400, "invalid-token-id");
        }
    }

    private HostileRequest Ranges()
    {
        var fields = ValidFields();
        var publish = long.Parse(
            fields.Single(f => f.Name == "publish_timestamp").Raw, System.Globalization.CultureInfo.InvariantCulture);
        string Number(System.Numerics.BigInteger n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var two64 = System.Numerics.BigInteger.One << 64;
        switch (random.Next(6))
        {
            case 0:
                var beyond = Pick<System.Numerics.BigInteger>([two64, two64 + random.Next(1, 1_000_000),
                    two64 * random.Next(2, 1000), System.Numerics.BigInteger.Pow(10, 20 + random.Next(10))]);
                return Signed("ranges", "sequence-beyond-2^64-1",
                    Render(Replace(fields, "topic_sequence_number", Number(beyond))), 400, "malformed-event");
            case 1:
                var negative = Pick<System.Numerics.BigInteger>([-1, long.MinValue,
                    -(System.Numerics.BigInteger.One << 63) - 1, -two64, -random.NextInt64(1, long.MaxValue)]);
                return Signed("ranges", "negative-sequence",
                    Render(Replace(fields, "topic_sequence_number", Number(negative))), 400, "malformed-event");
            case 2:
                var notInteger = Pick(["1.8446744073709552E19", "9.223372036854775808e18", "18446744073709551615.0",
                    "9223372036854775808.5", "0x10"]);
                return Signed("ranges", "sequence-not-an-integer",
                    Render(Replace(fields, "topic_sequence_number", notInteger)), 400, "malformed-event");
            case 3:
                (string Variant, long Value) eventTime = random.Next(6) switch
                {
                    0 => ("event-in-seconds", publish / 1000 - random.Next(100)),
                    1 => ("event-in-microseconds", publish * 1000 + random.Next(1000)),
                    2 => ("event-after-publish", publish + MaxClockSkewMs + 1
                        + random.NextInt64(0, 400L * 24 * 3600 * 1000)),
                    3 => ("event-before-window", publish - FreshnessWindowMs - 1
                        - random.NextInt64(0, 400L * 24 * 3600 * 1000)),
                    4 => ("event-zero-or-negative", Pick([0L, -1L, -publish, long.MinValue])),
                    _ => ("event-far-future",
                        Pick([long.MaxValue, publish + random.NextInt64(1L << 40, long.MaxValue - publish)])),
                };
                return Signed(
                    "ranges", eventTime.Variant, Render(Replace(fields, "event_timestamp", eventTime.Value.ToString(
                        System.Globalization.CultureInfo.InvariantCulture))), 400, "invalid-event-timestamp");
            case 4:
                var seconds = nowMs / 1000 - random.Next(100);
                return Signed(
                    "ranges", "publish-in-seconds", Render(ValidFields(publish: seconds)), 400, "stale-event");
            default:
                var micro = nowMs * 1000 + random.Next(1000);
                return Signed(
                    "ranges", "publish-in-microseconds", Render(ValidFields(publish: micro)), 400, "future-event");
        }
    }

    private HostileRequest UnprintableTokenId()
    {
        var name = RandomString(IdAlphabet, random.Next(1, 20));
        (string Variant, string Id) choice = random.Next(6) switch
        {
            0 => ("spaces-only", InvisibleRun([" ", "\u00A0", "\u2003", "\u3000", "\t"])),
            1 => ("c0-control", name.Insert(random.Next(name.Length + 1), ((char)random.Next(0, 0x20)).ToString())),
            2 =>
                ("c1-or-delete", name.Insert(random.Next(name.Length + 1), ((char)random.Next(0x7F, 0xA0)).ToString())),
            3 => ("format-character", name.Insert(random.Next(name.Length + 1),
                Pick(["\u200B", "\u200D", "\u2060", "\uFEFF", "\u00AD", .. BidiControls]))),
            4 => ("leading-or-trailing-space", random.Next(2) == 0 ? " " + name : name + Pick([" ", "\u3000", "\n"])),
            _ => ("line-separator", name + Pick(["\u2028", "\u2029", "\r\n"]) + name),
        };
        return Signed("token-id", choice.Variant, Render(ValidFields(tokenId: choice.Id)), 400, "invalid-token-id");
    }

    private string InvisibleRun(string[] characters) =>
        string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => Pick(characters)));

    /// <summary>A valid event with bytes UTF-8 forbids inside the comment.</summary>
    private byte[] InvalidBytes(byte[] invalid)
    {
        var body = Render(ValidFields(text: EventSigner.CommentText(RandomCourse(), "bad @@ bytes")));
        var at = body.AsSpan().IndexOf("@@"u8);
        return [.. body[..at], .. invalid, .. body[(at + 2)..]];
    }

    /// <summary>The seven fields of a valid, fresh event, each replaceable: (name, raw JSON value) in Momento's
    /// order.</summary>
    private List<(string Name, string Raw)> ValidFields(
        string cache = "course-comments", string topic = "comment", string? tokenId = null, string? text = null,
            long? publish = null)
    {
        var publishedAt = publish ?? nowMs - random.Next((int)FreshnessWindowMs);
        return
        [
            ("cache", JsonSerializer.Serialize(cache)),
            ("topic", JsonSerializer.Serialize(topic)),
            ("event_timestamp", (publishedAt - random.Next(100))
                .ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("publish_timestamp", publishedAt.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("topic_sequence_number", random.NextInt64(0, long.MaxValue)
                .ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("token_id", JsonSerializer.Serialize(tokenId ?? "user-" + RandomString(IdAlphabet, random.Next(1, 40)))),
            ("text", JsonSerializer.Serialize(text ?? EventSigner.CommentText(
                RandomCourse(), "comment " + RandomString("abcdef éü😀\"\\", random.Next(1, 200))))),
        ];
    }

    private static byte[] Render(IEnumerable<(string Name, string Raw)> fields) =>
        Encoding.UTF8.GetBytes("{" + string.Join(",", fields.Select(f => $"\"{f.Name}\":{f.Raw}")) + "}");

    private static List<(string Name, string Raw)> Replace(
        List<(string Name, string Raw)> fields, string name, string raw) =>
        fields.Select(f => f.Name == name ? (f.Name, raw) : f).ToList();

    private HostileRequest Signed(
        string category, string variant, byte[] body, int status, string code, bool unknownLength = false) =>
        new(category, variant, body, [EventSigner.Sign(secret, body)], unknownLength, status, code);

    private byte[] InvalidUtf8(List<(string Name, string Raw)> fields)
    {
        var field = Pick(StringFields);
        var body = Render(Replace(fields, field, "\"@@\""));
        var at = body.AsSpan().IndexOf("@@"u8);
        byte[] invalid = Pick<byte[]>([[0xC3, 0x28], [0xFF, 0xFE], [0xED, 0xA0], [0xF4, 0x90]]);
        body[at] = invalid[0];
        body[at + 1] = invalid[1];
        return body;
    }

    private byte[] FlipBit(byte[] original)
    {
        var copy = original.ToArray();
        copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        return copy;
    }

    private byte[] InsertByte(byte[] original)
    {
        var at = random.Next(original.Length + 1);
        return [.. original[..at], (byte)random.Next(256), .. original[at..]];
    }

    private string ChangeOneHexDigit(string hex)
    {
        var at = random.Next(hex.Length);
        var digits = "0123456789abcdef".Replace(hex[at].ToString(), string.Empty, StringComparison.Ordinal);
        return string.Concat(hex.AsSpan(0, at), digits[random.Next(digits.Length)].ToString(), hex.AsSpan(at + 1));
    }

    private string RandomCourse() => random.Next(2) == 0
        ? random.Next(1, 100_000).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : RandomString(IdAlphabet, random.Next(1, 65));

    private string RandomHex(int length) => Convert.ToHexStringLower(random.GetBytes((length + 1) / 2))[..length];

    private string RandomString(string alphabet, int length) =>
        string.Create(length, (alphabet, random), static (span, state) =>
        {
            var (letters, rng) = state;
            var runes = letters.EnumerateRunes().ToArray();
            var i = 0;
            while (i < span.Length)
            {
                var rune = runes[rng.Next(runes.Length)];
                if (rune.Utf16SequenceLength > span.Length - i)
                {
                    rune = new Rune('a');
                }

                i += rune.EncodeToUtf16(span[i..]);
            }
        });

    private T Pick<T>(T[] choices) => choices[random.Next(choices.Length)];
}

internal static class RandomBytes
{
    public static byte[] GetBytes(this Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
