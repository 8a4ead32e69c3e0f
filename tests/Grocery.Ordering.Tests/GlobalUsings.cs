global using System.Net;
global using System.Net.Http.Json;
global using Grocery.Contracts;
global using Grocery.Ordering.Domain;
global using Xunit;
global using OrderCancellationReason = Grocery.Ordering.Domain.OrderCancellationReason;
global using PaymentMethod = Grocery.Ordering.Domain.PaymentMethod;
global using SubstitutionPreference = Grocery.Ordering.Domain.SubstitutionPreference;
