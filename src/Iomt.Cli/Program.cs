using Iomt.Cli;

return await IomtCommand.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
