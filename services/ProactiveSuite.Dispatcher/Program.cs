using ProactiveSuite.Dispatcher;
using ProactiveSuite.ServiceDefaults;
using ProactiveSuite.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(defaultUrl: "http://localhost:5083");
builder.AddDispatcher();
builder.AddMessageBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapDispatcher();
app.Run();
