global using Grocery.Contracts;
global using Grocery.Ordering.Data;
global using Grocery.Ordering.Domain;
global using Grocery.ServiceDefaults;
global using Microsoft.EntityFrameworkCore;
// The domain's own enums win over the contracts' of the same name (mapped at the edge, Saga/ContractMapping).
global using OrderCancellationReason = Grocery.Ordering.Domain.OrderCancellationReason;
global using PaymentMethod = Grocery.Ordering.Domain.PaymentMethod;
global using SubstitutionPreference = Grocery.Ordering.Domain.SubstitutionPreference;
global using Grocery.Persistence;
