global using System.Net;
global using System.Net.Http.Headers;
global using System.Net.Http.Json;
global using System.Text.Json;
global using Grocery.Catalog.Reading;
global using Xunit;
global using Grocery.Catalog.Data;
global using Microsoft.EntityFrameworkCore;
