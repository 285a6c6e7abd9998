using CourseComments.MomentoEmulator.Hosting;

// The Momento emulator on its own, as Azurite is for Storage, started before `func start`:
//   dotnet run --project src/CourseComments.MomentoEmulator
// Settings come from momento-emulator.json, environment variables (MomentoEmulator__GrpcPort=7300) and the command line
// (--MomentoEmulator:GrpcPort=7300). Webhooks go to the Functions app (http://localhost:7071/api/webhook), signed with
// MomentoEmulator:Webhook:SigningSecret, or else with the app's own setting Webhook__SigningSecrets__0 when both
// processes share it from the environment (docs/local-emulator.md).
var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("momento-emulator.json", optional: true)
    .AddEnvironmentVariables()
    .AddCommandLine(args)
    .Build();

const string OwnSecret = $"{EmulatorOptions.Section}:Webhook:SigningSecret";
if (string.IsNullOrEmpty(configuration[OwnSecret])
    && configuration["Webhook:SigningSecrets:0"] is { Length: > 0 } shared)
{
    configuration[OwnSecret] = shared;
}

// The host logs where it listens (gRPC host:port for MomentoLocalProvider, and the Topics HTTP API's URL).
MomentoEmulatorHost emulator;
try
{
    emulator = await MomentoEmulatorHost.StartAsync(configuration);
}
catch (Microsoft.Extensions.Options.OptionsValidationException invalid)
{
    Console.Error.WriteLine("The Momento emulator did not start: " + string.Join(" ", invalid.Failures));
    return 1;
}

await using (emulator)
{
    await emulator.WaitForShutdownAsync();
}

return 0;
