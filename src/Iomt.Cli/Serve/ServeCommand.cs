using System.CommandLine;
using Iomt.Cli.CommandLine;
using Iomt.Server.Hosting;
using Microsoft.Extensions.Hosting;

namespace Iomt.Cli.Serve;

/// <summary><c>iomt serve</c>: runs the platform (embedded SQLite under ./data and HTTP on 127.0.0.1:8080 by default).</summary>
public static class ServeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data folder of the embedded SQLite store (env IOMT_DATA).", DefaultValueFactory = _ => Env("IOMT_DATA") ?? "./data" };
        var urls = new Option<string>("--urls") { Description = "HTTP listen URL(s), ';'-separated (env IOMT_URLS).", DefaultValueFactory = _ => Env("IOMT_URLS") ?? "http://127.0.0.1:8080" };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string; use PostgreSQL instead of SQLite (env IOMT_POSTGRES).", DefaultValueFactory = _ => Env("IOMT_POSTGRES") };
        var sync = new Option<string>("--sqlite-synchronous") { Description = "SQLite durability: NORMAL survives process crashes, FULL also power loss (env IOMT_SQLITE_SYNCHRONOUS).", DefaultValueFactory = _ => Env("IOMT_SQLITE_SYNCHRONOUS") ?? "NORMAL" };
        var mllp = new Option<int>("--mllp-port") { Description = "HL7 v2 MLLP listener port on 127.0.0.1; 0 disables (env IOMT_MLLP_PORT).", DefaultValueFactory = _ => int.TryParse(Env("IOMT_MLLP_PORT"), out var p) ? p : 2575 };
        var command = new Command("serve", "Run the platform: HTTP API, ingestion, storage.") { data, urls, postgres, sync, mllp };
        command.SetHandler(async (parse, ct) =>
        {
            var synchronous = parse.GetValue(sync)!.ToUpperInvariant();
            if (synchronous is not ("NORMAL" or "FULL"))
            {
                throw new UserInputException($"--sqlite-synchronous: '{synchronous}' is not NORMAL or FULL");
            }

            var options = new IomtServerOptions
            {
                DataDirectory = parse.GetValue(data)!,
                Urls = parse.GetValue(urls)!,
                Postgres = parse.GetValue(postgres),
                SqliteSynchronous = synchronous,
                MllpPort = parse.GetValue(mllp),
            };
            await using var app = IomtServer.Build(options, []);
            await IomtServer.InitializeAsync(app, ct);
            try
            {
                await app.StartAsync(ct);
            }
            catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                // Another server (or an earlier instance) holds the port: a user error, not a crash.
                throw new UserInputException($"{e.Message} (is another iomt serve running? choose another --urls / --mllp-port)");
            }

            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return command;
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
}
