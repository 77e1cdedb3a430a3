using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.Dispatcher;
using ProactiveSuite.Gateway;
using ProactiveSuite.Host.Playground;
using ProactiveSuite.Registry;
using ProactiveSuite.ServiceDefaults;
using ProactiveSuite.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(defaultUrl: "http://localhost:5080");
builder.AddGateway();
builder.AddRegistry();
builder.AddDispatcher();
builder.AddMessageBus();
builder.Services.AddChannelEmulator(options => builder.Configuration.GetSection("Emulator").Bind(options));

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGateway();
app.MapRegistry();
app.MapDispatcher();
app.MapChannelEmulator();
app.MapPlayground();
app.Run();
