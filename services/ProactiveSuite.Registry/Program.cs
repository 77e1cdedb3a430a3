using ProactiveSuite.Registry;
using ProactiveSuite.ServiceDefaults;
using ProactiveSuite.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(defaultUrl: "http://localhost:5082");
builder.AddRegistry();
builder.AddMessageBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapRegistry();
app.Run();
