using ProactiveSuite.Gateway;
using ProactiveSuite.ServiceDefaults;
using ProactiveSuite.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(defaultUrl: "http://localhost:5081");
builder.AddGateway();
builder.AddMessageBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGateway();
app.Run();
