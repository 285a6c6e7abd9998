using CourseComments.MomentoEmulator.Hosting;

// The Momento emulator on its own, as Azurite is for Storage: `dotnet run --project src/CourseComments.MomentoEmulator`.
// Settings come from appsettings.json, environment variables (MomentoEmulator__GrpcPort=7300) and the command line
// (--MomentoEmulator:GrpcPort=7300).
var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json", optional: true)
    .AddEnvironmentVariables()
    .AddCommandLine(args)
    .Build();

// The host logs where it listens (gRPC host:port for MomentoLocalProvider, and the Topics HTTP API's URL).
await using var emulator = await MomentoEmulatorHost.StartAsync(configuration);
await emulator.WaitForShutdownAsync();
