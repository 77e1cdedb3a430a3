using ProactiveSuite.Cli;

return await ProactiveCommandLine.RunAsync(args);
