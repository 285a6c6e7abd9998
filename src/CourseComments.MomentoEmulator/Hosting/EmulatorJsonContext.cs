using System.Text.Json.Serialization;
using CourseComments.MomentoEmulator.Auth;
using CourseComments.MomentoEmulator.Cache;

namespace CourseComments.MomentoEmulator.Hosting;

/// <summary>Every type the emulator reads or writes as JSON of its own (the webhook events it delivers use the app's
/// contract, <c>AppJsonContext</c>): its tokens' claims and envelope, and cache snapshots. Default options: the token
/// members carry their wire names, and snapshot files keep their member names as written.</summary>
[JsonSerializable(typeof(TokenClaims))]
[JsonSerializable(typeof(TokenEnvelope))]
[JsonSerializable(typeof(CacheSnapshot))]
internal sealed partial class EmulatorJsonContext : JsonSerializerContext;
