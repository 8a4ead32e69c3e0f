using Grocery.Web.Components.Shared;
using Grocery.Web.Services;

namespace Grocery.Web.Tests.Components;

public sealed class AddressChoiceTests : StorefrontTestContext
{
    private static readonly SavedAddress Home = new(Guid.NewGuid(), "Nhà", "12 Nguyễn Huệ", "Bến Nghé", "Quận 1", "Hồ Chí Minh", "71000", IsDefault: true);
    private static readonly SavedAddress Office = new(Guid.NewGuid(), "Công ty", "99 Nguyễn Thị Thập", null, "Quận 7", "Hồ Chí Minh", null, IsDefault: false);

    [Fact]
    public void The_saved_address_in_the_area_of_the_held_slot_is_chosen_even_when_another_is_the_default()
    {
        UseLanguage("en");

        var choice = Render<AddressChoice>(p => p.Add(c => c.Addresses, [Home, Office]).Add(c => c.Area, "Quận 7"));

        var radios = choice.FindAll("input[name=addressChoice]");
        Assert.Equal([Home.Id.ToString(), Office.Id.ToString(), "new"], radios.Select(r => r.GetAttribute("value")));
        Assert.Equal([Office.Id.ToString()], radios.Where(r => r.HasAttribute("checked")).Select(r => r.GetAttribute("value")));
        Assert.Contains("12 Nguyễn Huệ, Bến Nghé, Quận 1, Hồ Chí Minh, 71000", choice.FindAll("[data-testid=address-option]")[0].TextContent);
        Assert.Contains("Default", choice.FindAll("[data-testid=address-option]")[0].TextContent);
    }

    [Fact]
    public void Without_an_address_in_the_area_the_default_is_chosen_and_the_new_address_fields_are_optional()
    {
        UseLanguage("en");

        var choice = Render<AddressChoice>(p => p.Add(c => c.Addresses, [Office, Home]).Add(c => c.Area, "70000"));

        Assert.Equal(Home.Id.ToString(), choice.Find("input[name=addressChoice][checked]").GetAttribute("value"));
        // A saved address may be chosen: the browser must not demand the new address's fields then.
        Assert.Empty(choice.FindAll("[data-testid=new-address] input[required]"));
    }

    [Fact]
    public void A_shopper_without_saved_addresses_types_one_prefilled_with_the_district_and_saving_it_is_ticked()
    {
        UseLanguage("en");

        var choice = Render<AddressChoice>(p => p.Add(c => c.Addresses, []).Add(c => c.Area, "Quận 7"));

        Assert.Equal("new", choice.Find("input[name=addressChoice]").GetAttribute("value"));
        Assert.Equal("hidden", choice.Find("input[name=addressChoice]").GetAttribute("type"));
        Assert.Equal("Quận 7", choice.Find("input[name='NewAddress.District']").GetAttribute("value"));
        Assert.Equal(["NewAddress.Street", "NewAddress.District", "NewAddress.City", "NewAddress.PostalCode"],
            choice.FindAll("[data-testid=new-address] input[required]").Select(i => i.GetAttribute("name")));
        Assert.True(choice.Find("input[name=saveAddress]").HasAttribute("checked"));
    }

    [Fact]
    public void The_recipient_is_prefilled_from_the_profile_and_required()
    {
        UseLanguage("en");

        var choice = Render<AddressChoice>(p => p.Add(c => c.Addresses, [Home]).Add(c => c.Contact, new ShopperContact("Lan Nguyễn", "+84901234567")));

        Assert.Equal("Lan Nguyễn", choice.Find("input[name=recipientName]").GetAttribute("value"));
        Assert.Equal("+84901234567", choice.Find("input[name=phone]").GetAttribute("value"));
        Assert.True(choice.Find("input[name=phone]").HasAttribute("required"));
    }

    [Theory]
    [InlineData("0901 234 567", "+84901234567")]
    [InlineData("090.123.4567", "+84901234567")]
    [InlineData("+84 901 234 567", "+84901234567")]
    [InlineData("84901234567", "+84901234567")]
    [InlineData("12", null)]
    [InlineData("số của tôi", null)]
    public void A_phone_typed_the_local_way_becomes_the_international_form_the_services_store(string typed, string? expected)
    {
        Assert.Equal(expected, Grocery.Web.Shopping.PhoneNumbers.ToE164(typed));
    }

    [Fact]
    public void A_postcode_area_prefills_the_postcode_and_the_form_speaks_Vietnamese()
    {
        UseLanguage("vi");

        var choice = Render<AddressChoice>(p => p.Add(c => c.Addresses, []).Add(c => c.Area, "71000"));

        Assert.Equal("71000", choice.Find("input[name='NewAddress.PostalCode']").GetAttribute("value"));
        Assert.Null(choice.Find("input[name='NewAddress.District']").GetAttribute("value"));
        Assert.Equal("Giao đến", choice.Find("legend").TextContent);
        Assert.Contains("Số nhà và tên đường", choice.Find("label[for=newaddress-street]").TextContent);
    }
}
