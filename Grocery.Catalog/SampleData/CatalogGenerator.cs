using Grocery.Catalog.Domain;

namespace Grocery.Catalog.SampleData;

/// <summary>
/// A deterministic grocery assortment for development, tests and benchmarks: the same seed gives
/// the same products (about 15 departments, 200 aisles, 1,000 brands), with valid EAN-13 codes,
/// VND prices rounded to 100 đồng, weighed fresh goods and the four VAT classes.
/// </summary>
public static class CatalogGenerator
{
    private sealed record Kind(SoldBy SoldBy, StorageType Storage, int Tax, bool Perishable, int ShelfMin, int ShelfMax,
        decimal PerBaseMin, decimal PerBaseMax, (decimal Size, string Unit)[] Sizes, string[] Tags, string[] Allergens);

    private sealed record Department(string Vi, string En, Kind Kind, string[] Aisles, string[] Modifiers, string[] Brands);

    private static readonly (decimal, string)[] Weighed = [(1, "kg")];
    private static readonly (decimal, string)[] Liquids = [(180, "ml"), (330, "ml"), (500, "ml"), (1, "l"), (1.5m, "l")];
    private static readonly (decimal, string)[] SmallPacks = [(50, "g"), (100, "g"), (200, "g"), (250, "g"), (500, "g")];
    private static readonly (decimal, string)[] DryPacks = [(200, "g"), (500, "g"), (1, "kg"), (2, "kg"), (5, "kg")];
    private static readonly (decimal, string)[] Pieces = [(1, "pcs"), (2, "pcs"), (4, "pcs"), (6, "pcs"), (10, "pcs")];

    private static readonly Department[] Departments =
    [
        new("Trái cây", "Fruits", new(SoldBy.Weight, StorageType.Chilled, 0, true, 4, 14, 25_000, 180_000, Weighed, ["vegan", "organic", "gluten-free"], []),
            ["Táo|Apple", "Chuối|Banana", "Cam|Orange", "Nho|Grapes", "Xoài|Mango", "Thanh long|Dragon fruit", "Bưởi|Pomelo", "Dưa hấu|Watermelon", "Lê|Pear", "Sầu riêng|Durian", "Măng cụt|Mangosteen", "Chôm chôm|Rambutan", "Kiwi|Kiwi", "Dứa|Pineapple"],
            ["hữu cơ|organic", "loại 1|grade A", "tươi|fresh", "nhập khẩu|imported", "miền Tây|Mekong Delta", "chọn lọc|selected"],
            ["Dalat Farm", "VinEco", "Hoàng Anh Gia Lai", "Zespri", "Dole", "Chiquita", "Sunkist", "Del Monte"]),
        new("Rau củ", "Vegetables", new(SoldBy.Weight, StorageType.Chilled, 0, true, 3, 10, 15_000, 90_000, Weighed, ["vegan", "organic", "gluten-free"], []),
            ["Cà chua|Tomato", "Cà rốt|Carrot", "Khoai tây|Potato", "Bắp cải|Cabbage", "Rau muống|Water spinach", "Cải ngọt|Choy sum", "Hành tây|Onion", "Tỏi|Garlic", "Ớt chuông|Bell pepper", "Dưa leo|Cucumber", "Bí đỏ|Pumpkin", "Nấm|Mushroom", "Xà lách|Lettuce", "Bông cải xanh|Broccoli"],
            ["Đà Lạt|Da Lat", "hữu cơ|organic", "VietGAP|VietGAP", "thủy canh|hydroponic", "baby|baby", "tươi|fresh"],
            ["VinEco", "Dalat Hasfarm", "Organica", "Bac Tom", "Lang Biang Farm"]),
        new("Thịt", "Meat", new(SoldBy.Weight, StorageType.Chilled, 5, true, 2, 5, 90_000, 450_000, Weighed, ["halal", "gluten-free"], []),
            ["Thịt heo|Pork", "Thịt bò|Beef", "Thịt gà|Chicken", "Thịt vịt|Duck", "Sườn heo|Pork ribs", "Ba chỉ|Pork belly", "Thăn bò|Beef tenderloin", "Đùi gà|Chicken thigh", "Cánh gà|Chicken wings", "Thịt xay|Minced meat", "Xúc xích|Sausage", "Giò chả|Vietnamese ham", "Thịt cừu|Lamb"],
            ["tươi|fresh", "mát|chilled", "Úc|Australian", "Mỹ|US", "hữu cơ|organic", "thả vườn|free-range"],
            ["CP", "Meat Deli", "Vissan", "Ba Huân", "Dabaco", "Mavin", "Le Gourmet"]),
        new("Hải sản", "Seafood", new(SoldBy.Weight, StorageType.Chilled, 5, true, 1, 4, 120_000, 650_000, Weighed, ["gluten-free"], ["fish", "shellfish"]),
            ["Cá hồi|Salmon", "Tôm sú|Tiger prawn", "Tôm thẻ|Whiteleg shrimp", "Mực|Squid", "Cá basa|Basa fish", "Cua|Crab", "Nghêu|Clam", "Cá thu|Mackerel", "Bạch tuộc|Octopus", "Cá ngừ|Tuna", "Sò điệp|Scallop", "Hàu|Oyster", "Cá diêu hồng|Red tilapia"],
            ["tươi|fresh", "Na Uy|Norwegian", "phi lê|fillet", "làm sạch|cleaned", "đông lạnh|frozen", "Phú Quốc|Phu Quoc"],
            ["Minh Phú", "Vĩnh Hoàn", "Sea Tech", "Hùng Vương", "Mowi", "Sao Ta"]),
        new("Sữa & trứng", "Dairy & eggs", new(SoldBy.Each, StorageType.Chilled, 8, true, 7, 45, 25_000, 120_000, Liquids, ["vegetarian", "lactose-free", "sugar-free", "organic"], ["milk"]),
            ["Sữa tươi|Fresh milk", "Sữa chua|Yogurt", "Phô mai|Cheese", "Bơ|Butter", "Sữa đặc|Condensed milk", "Sữa hạt|Nut milk", "Sữa chua uống|Drinking yogurt", "Kem tươi|Whipping cream", "Trứng gà|Chicken eggs", "Trứng vịt|Duck eggs", "Sữa đậu nành|Soy milk", "Váng sữa|Dairy dessert", "Sữa bột|Milk powder"],
            ["tiệt trùng|UHT", "thanh trùng|pasteurized", "có đường|sweetened", "không đường|unsweetened", "ít béo|low fat", "hữu cơ|organic", "vị dâu|strawberry", "nguyên kem|full cream"],
            ["Vinamilk", "TH True Milk", "Dalat Milk", "Nutifood", "Dutch Lady", "Meiji", "Anchor", "President", "Ba Vì", "Mộc Châu Milk"]),
        new("Đồ uống", "Beverages", new(SoldBy.Each, StorageType.Ambient, 10, false, 180, 540, 12_000, 80_000, Liquids, ["sugar-free", "vegan"], []),
            ["Nước suối|Mineral water", "Nước ngọt|Soft drinks", "Trà xanh|Green tea", "Nước ép|Juice", "Nước tăng lực|Energy drink", "Cà phê|Coffee", "Trà|Tea", "Nước dừa|Coconut water", "Nước yến|Bird's nest drink", "Sữa trái cây|Fruit milk", "Nước điện giải|Electrolyte drink", "Trà sữa|Milk tea", "Cacao|Cocoa"],
            ["không đường|sugar free", "ít đường|less sugar", "vị chanh|lemon", "vị đào|peach", "hòa tan|instant", "rang xay|ground", "lon|can", "chai|bottle"],
            ["Coca-Cola", "Pepsi", "Lavie", "Aquafina", "TH True Water", "Tân Hiệp Phát", "Trung Nguyên", "Highlands Coffee", "Nescafé", "Lipton", "Vĩnh Hảo", "Red Bull", "Sting", "Cocoxim"]),
        new("Bia & rượu", "Beer & wine", new(SoldBy.Each, StorageType.Ambient, 10, false, 180, 720, 30_000, 600_000, Liquids, ["vegan"], ["gluten"]),
            ["Bia lon|Canned beer", "Bia chai|Bottled beer", "Rượu vang đỏ|Red wine", "Rượu vang trắng|White wine", "Rượu soju|Soju", "Rượu sake|Sake", "Bia thủ công|Craft beer", "Nước trái cây lên men|Cider", "Rượu mơ|Plum wine", "Bia không cồn|Alcohol-free beer", "Rượu whisky|Whisky", "Rượu vodka|Vodka", "Champagne|Sparkling wine"],
            ["Chile|Chilean", "Pháp|French", "Ý|Italian", "Hàn Quốc|Korean", "lốc 6|6-pack", "thùng 24|case of 24", "nhập khẩu|imported"],
            ["Heineken", "Tiger", "Sài Gòn", "Hà Nội", "333", "Larue", "Budweiser", "Jinro", "Đà Lạt Wine", "Pasteur Street"]),
        new("Gạo & đồ khô", "Rice & pantry", new(SoldBy.Each, StorageType.Ambient, 5, false, 180, 720, 18_000, 90_000, DryPacks, ["vegan", "gluten-free", "organic"], []),
            ["Gạo|Rice", "Nếp|Glutinous rice", "Đậu xanh|Mung beans", "Đậu đen|Black beans", "Hạt điều|Cashews", "Bột mì|Wheat flour", "Đường|Sugar", "Muối|Salt", "Yến mạch|Oats", "Ngũ cốc|Cereal", "Bún khô|Dried vermicelli", "Phở khô|Dried pho noodles", "Miến|Glass noodles", "Nấm khô|Dried mushrooms"],
            ["ST25|ST25", "Jasmine|Jasmine", "hữu cơ|organic", "lứt|brown", "nguyên hạt|whole grain", "túi|bag", "hộp|box"],
            ["Lộc Trời", "Vinafood", "Neptune", "Biên Hòa", "Tài Ký", "Quaker", "Vina Acecook", "Bích Chi", "Safoco"]),
        new("Gia vị", "Condiments & spices", new(SoldBy.Each, StorageType.Ambient, 8, false, 270, 720, 40_000, 250_000, [(65, "ml"), (250, "ml"), (500, "ml"), (100, "g"), (400, "g")], ["vegan", "gluten-free"], ["soy", "fish"]),
            ["Nước mắm|Fish sauce", "Nước tương|Soy sauce", "Dầu ăn|Cooking oil", "Hạt nêm|Seasoning powder", "Bột ngọt|MSG", "Tương ớt|Chili sauce", "Tương cà|Ketchup", "Dầu hào|Oyster sauce", "Tiêu|Pepper", "Giấm|Vinegar", "Mayonnaise|Mayonnaise", "Sa tế|Satay paste", "Bột cà ri|Curry powder", "Mật ong|Honey"],
            ["Phú Quốc|Phu Quoc", "cao đạm|high protein", "ít mặn|low salt", "cay|spicy", "nguyên chất|pure", "chai|bottle", "gói|pack"],
            ["Chinsu", "Nam Ngư", "Maggi", "Knorr", "Aji-ngon", "Neptune", "Simply", "Tường An", "Cholimex", "Heinz", "Kewpie"]),
        new("Mì & đồ ăn liền", "Instant food", new(SoldBy.Each, StorageType.Ambient, 8, false, 150, 360, 60_000, 200_000, [(65, "g"), (75, "g"), (120, "g"), (350, "g"), (600, "g")], ["vegetarian"], ["gluten", "soy"]),
            ["Mì gói|Instant noodles", "Phở ăn liền|Instant pho", "Cháo ăn liền|Instant porridge", "Hủ tiếu ăn liền|Instant hu tieu", "Miến ăn liền|Instant glass noodles", "Mì ly|Cup noodles", "Đồ hộp|Canned food", "Cá hộp|Canned fish", "Thịt hộp|Canned meat", "Súp|Soup", "Bún ăn liền|Instant rice vermicelli", "Mì Ý|Pasta", "Xốt mì Ý|Pasta sauce"],
            ["tôm chua cay|hot and sour shrimp", "bò|beef", "gà|chicken", "chay|vegetarian", "thùng 30|case of 30", "lốc 5|5-pack"],
            ["Hảo Hảo", "Omachi", "Kokomi", "Vifon", "Cung Đình", "Acecook", "Nissin", "Samyang", "Ba Cô Gái", "Hạ Long Canfoco"]),
        new("Bánh kẹo & snack", "Snacks & sweets", new(SoldBy.Each, StorageType.Ambient, 8, false, 120, 365, 80_000, 400_000, SmallPacks, ["vegetarian", "gluten-free", "sugar-free"], ["nuts", "milk", "gluten", "soy"]),
            ["Bánh quy|Biscuits", "Kẹo|Candy", "Socola|Chocolate", "Snack khoai tây|Potato chips", "Bánh xốp|Wafers", "Hạt dinh dưỡng|Nuts mix", "Bánh gạo|Rice crackers", "Kẹo dẻo|Gummies", "Rong biển|Seaweed snack", "Bánh bông lan|Sponge cake", "Trái cây sấy|Dried fruit", "Mứt|Candied fruit", "Bánh trung thu|Mooncake"],
            ["vị phô mai|cheese", "vị rong biển|seaweed", "sữa|milk", "đen|dark", "hộp quà|gift box", "gói lớn|family pack"],
            ["Orion", "Kinh Đô", "Oishi", "Lay's", "Pringles", "Bibica", "Hải Hà", "Richy", "Glico", "Lotte", "Meiji", "Tân Tân"]),
        new("Đông lạnh", "Frozen", new(SoldBy.Each, StorageType.Frozen, 8, true, 90, 365, 70_000, 300_000, [(200, "g"), (300, "g"), (500, "g"), (1, "kg")], ["vegetarian"], ["gluten", "shellfish", "egg"]),
            ["Há cảo|Dumplings", "Chả giò|Spring rolls", "Kem|Ice cream", "Khoai tây chiên|French fries", "Cá viên|Fish balls", "Bò viên|Beef balls", "Pizza|Pizza", "Sủi cảo|Wontons", "Bánh bao|Steamed buns", "Rau củ đông lạnh|Frozen vegetables", "Tôm viên|Shrimp balls", "Gà rán|Fried chicken", "Xúc xích đông lạnh|Frozen sausages"],
            ["nhân thịt|pork filling", "nhân tôm|shrimp filling", "vani|vanilla", "sô cô la|chocolate", "chay|vegetarian", "túi lớn|large bag"],
            ["Cầu Tre", "Vissan", "CP", "Merino", "Wall's", "Ba Huân", "Le Gourmet", "Đức Việt", "Manna", "Golden Gate"]),
        new("Bánh mì & bánh ngọt", "Bakery", new(SoldBy.Each, StorageType.Ambient, 8, true, 2, 7, 8_000, 60_000, Pieces, ["vegetarian", "vegan"], ["gluten", "egg", "milk"]),
            ["Bánh mì|Bread", "Bánh mì sandwich|Sandwich loaf", "Bánh croissant|Croissant", "Bánh bông lan cuộn|Swiss roll", "Bánh mì hoa cúc|Brioche", "Bánh donut|Donut", "Bánh quy bơ|Butter cookies", "Bánh su kem|Cream puff", "Bánh tart|Tart", "Bánh muffin|Muffin", "Bánh bao chay|Plain bun", "Bánh mì nguyên cám|Wholemeal bread", "Bánh flan|Flan"],
            ["bơ|butter", "nguyên cám|wholemeal", "socola|chocolate", "phô mai|cheese", "mè đen|black sesame", "ngọt|sweet"],
            ["ABC Bakery", "Tous les Jours", "Paris Baguette", "Givral", "Kinh Đô", "Hữu Nghị", "Staff", "Sheng Bakery"]),
        new("Hóa phẩm & nhà cửa", "Household", new(SoldBy.Each, StorageType.Ambient, 10, false, 720, 1080, 30_000, 200_000, [(400, "ml"), (800, "ml"), (1.5m, "l"), (3, "l"), (1, "pcs")], ["eco"], []),
            ["Nước giặt|Laundry liquid", "Bột giặt|Washing powder", "Nước xả vải|Fabric softener", "Nước rửa chén|Dishwashing liquid", "Nước lau sàn|Floor cleaner", "Giấy vệ sinh|Toilet paper", "Khăn giấy|Tissues", "Túi rác|Trash bags", "Nước tẩy|Bleach", "Xịt côn trùng|Insect spray", "Màng bọc thực phẩm|Cling film", "Nước rửa tay|Hand wash", "Pin|Batteries"],
            ["hương lavender|lavender", "hương chanh|lemon", "đậm đặc|concentrated", "túi|refill pack", "chai|bottle", "diệt khuẩn|antibacterial"],
            ["OMO", "Ariel", "Comfort", "Downy", "Sunlight", "Lix", "Vim", "Pulppy", "Bless You", "Mr Muscle", "Raid", "Duracell"]),
        new("Chăm sóc cá nhân", "Personal care", new(SoldBy.Each, StorageType.Ambient, 10, false, 720, 1080, 60_000, 500_000, [(100, "ml"), (180, "ml"), (350, "ml"), (650, "ml"), (1, "pcs")], ["vegan", "paraben-free"], []),
            ["Dầu gội|Shampoo", "Sữa tắm|Shower gel", "Kem đánh răng|Toothpaste", "Bàn chải|Toothbrush", "Sữa rửa mặt|Face wash", "Lăn khử mùi|Deodorant", "Dầu xả|Conditioner", "Kem chống nắng|Sunscreen", "Băng vệ sinh|Sanitary pads", "Dao cạo|Razor", "Nước súc miệng|Mouthwash", "Khăn ướt|Wet wipes", "Tã người lớn|Adult diapers"],
            ["trà xanh|green tea", "bạc hà|mint", "dịu nhẹ|gentle", "nam|for men", "trẻ em|kids", "thiên nhiên|natural"],
            ["Clear", "Sunsilk", "Dove", "Lifebuoy", "P/S", "Colgate", "Oral-B", "Nivea", "Pond's", "Head & Shoulders", "Kotex", "Gillette", "Thorakao"]),
    ];

    private sealed record AisleFit(string[] Modifiers, (decimal Size, string Unit)[]? Sizes = null, decimal? PerBaseMin = null, decimal? PerBaseMax = null,
        StorageType? Storage = null, (int Min, int Max)? ShelfDays = null);

    /// <summary>
    /// Aisles whose department's modifiers or pack sizes would make nonsense ("strawberry chicken eggs 180ml"); the
    /// same random draws pick from these instead, so every other product stays as it was.
    /// </summary>
    private static readonly Dictionary<string, AisleFit> AisleFits = new()
    {
        ["Apple"] = new(["Fuji|Fuji", "Gala|Gala", "Envy|Envy", "Mỹ|USA", "New Zealand|New Zealand", "hữu cơ|organic"]),
        ["Banana"] = new(["Cavendish|Cavendish", "già hương|Gia Huong", "Laba|Laba", "Đà Lạt|Da Lat", "hữu cơ|organic"]),
        ["Orange"] = new(["sành|king", "Cao Phong|Cao Phong", "Mỹ|USA", "Úc|Australian", "vắt nước|juicing"]),
        ["Grapes"] = new(["không hạt|seedless", "Ninh Thuận|Ninh Thuan", "Mỹ|USA", "Úc|Australian", "xanh|green"]),
        ["Pear"] = new(["Hàn Quốc|Korean", "Nam Phi|South African", "nâu|brown", "xanh|green"]),
        ["Kiwi"] = new(["New Zealand|New Zealand", "vàng|gold", "xanh|green"]),
        ["Chicken eggs"] = new(["gà ta|free-range", "omega 3|omega-3", "hữu cơ|organic", "loại lớn|large", "sạch|farm-fresh"],
            [(4, "pcs"), (6, "pcs"), (10, "pcs"), (30, "pcs")], 6_000, 12_000),
        ["Duck eggs"] = new(["muối|salted", "sạch|farm-fresh", "loại lớn|large", "lộn|balut"], [(4, "pcs"), (6, "pcs"), (10, "pcs")], 7_000, 14_000),
        ["Cheese"] = new(["lát|sliced", "mozzarella|mozzarella", "cheddar|cheddar", "kem|cream", "ít béo|low fat", "hữu cơ|organic"],
            [(100, "g"), (200, "g"), (250, "g"), (500, "g")], 75_000, 190_000),
        ["Butter"] = new(["lạt|unsalted", "mặn|salted", "hữu cơ|organic", "nguyên kem|full cream"], [(100, "g"), (200, "g"), (250, "g")], 60_000, 150_000),
        ["Milk powder"] = new(["cho bé|for kids", "tách béo|skimmed", "nguyên kem|full cream", "ít đường|less sugar", "hữu cơ|organic"],
            [(400, "g"), (900, "g"), (1.5m, "kg")], 100_000, 190_000, StorageType.Ambient, (270, 540)),
    };

    private static readonly string[] BrandStems =
    [
        "Phú", "An", "Minh", "Hòa", "Việt", "Sài Gòn", "Hà Nội", "Mekong", "Sông Hồng", "Tân", "Thành", "Đại", "Kim", "Ngọc", "Bảo",
        "Hưng", "Thịnh", "Long", "Phát", "Lộc", "Green", "Golden", "Fresh", "Happy", "Sun", "Lotus", "Bamboo", "Jade", "Pearl", "River",
        "Highland", "Coastal", "Royal", "Pure", "Daily", "Farm", "Sunny", "Blue", "Red", "Star",
    ];

    private static readonly string[] BrandSuffixes = ["Foods", "Farm", "Fresh", "Co.", "Group", "Việt", "Organic", "Gourmet", "Select", "Home", "Kitchen", "Garden", "Mart", "Choice", "Harvest", "Valley", "Food", "Best", "Life", "Plus", "Xanh", "Ngon", "Việt Nam", "Premium", "Nature"];

    private static readonly string[] Countries = ["TH", "KR", "JP", "US", "AU", "NZ", "FR", "MY", "CN"];

    public static IEnumerable<ProductDraft> Generate(int count, int seed = 20261126)
    {
        var random = new Random(seed);
        var brands = BuildBrands(random);
        var aisles = Departments.SelectMany((d, di) => d.Aisles.Select(a => (Department: d, DepartmentIndex: di, Aisle: a))).ToArray();
        var perAisle = count / aisles.Length;
        var remainder = count % aisles.Length;
        var n = 0;
        for (var ai = 0; ai < aisles.Length; ai++)
        {
            var (department, di, aisle) = aisles[ai];
            var (aisleVi, aisleEn) = Split(aisle);
            var departmentBrands = brands[di];
            var total = perAisle + (ai < remainder ? 1 : 0);
            for (var i = 0; i < total; i++)
            {
                n++;
                var kind = department.Kind;
                var fit = AisleFits.GetValueOrDefault(aisleEn);
                var modifiers = fit?.Modifiers ?? department.Modifiers;
                var sizes = fit?.Sizes ?? kind.Sizes;
                var (modVi, modEn) = Split(modifiers[random.Next(modifiers.Length)]);
                var brand = departmentBrands[random.Next(departmentBrands.Length)];
                var (size, unit) = sizes[random.Next(sizes.Length)];
                var sizeLabel = kind.SoldBy == SoldBy.Weight ? "" : $" {size:0.###}{(unit == "l" ? "L" : unit)}";
                var sizeLabelVi = kind.SoldBy == SoldBy.Weight || unit != "pcs" ? sizeLabel : $" {size:0.###} {PieceWord(aisleEn)}";
                var (perBaseMin, perBaseMax) = (fit?.PerBaseMin ?? kind.PerBaseMin, fit?.PerBaseMax ?? kind.PerBaseMax);
                var perBase = perBaseMin + (decimal)random.NextDouble() * (perBaseMax - perBaseMin);
                var factor = unit switch
                {
                    "g" or "ml" => size / 1000m * 4m,
                    "kg" or "l" => size,
                    _ => size * 0.5m,
                };
                var price = Math.Max(5_000m, Math.Round(perBase * Math.Max(factor, 0.25m) / 100m, 0, MidpointRounding.AwayFromZero) * 100m);
                var imported = modEn is "imported" or "USA" or "New Zealand" or "Australian" or "US" or "Norwegian" or "French" or "Italian" or "Chilean" or "Korean" or "South African";
                var country = imported ? Countries[random.Next(Countries.Length)] : random.Next(10) == 0 ? Countries[random.Next(Countries.Length)] : "VN";
                var tags = kind.Tags.Where(_ => random.Next(4) == 0).ToArray();
                var allergens = kind.Allergens.Where(_ => random.Next(3) == 0).ToArray();
                var sku = $"GR{n:D6}";
                var gtinBody = kind.SoldBy == SoldBy.Weight ? $"20{n:D6}0000" : $"893{(n * 7L + 1_000_003L) % 1_000_000_000L:D9}";
                var gtin = gtinBody + ProductRules.Ean13CheckDigit(gtinBody);
                var nameVi = $"{aisleVi} {modVi} {brand}{sizeLabelVi}";
                var nameEn = $"{brand} {Capitalize(modEn)} {aisleEn}{sizeLabel}";
                // Each language reads whole in its own; search finds the English words through the English name.
                var storage = fit?.Storage ?? kind.Storage;
                var (shelfMin, shelfMax) = fit?.ShelfDays ?? (kind.ShelfMin, kind.ShelfMax);
                var description = $"{aisleVi} {modVi} chính hãng {brand}, {Storage(storage)}.";
                var descriptionEn = $"Genuine {brand} {modEn.ToLowerInvariant()} {aisleEn.ToLowerInvariant()}, {StorageEn(storage)}.";
                var taxClass = kind.Tax == 10 && random.Next(5) == 0 ? 8 : kind.Tax;
                yield return new ProductDraft(sku, gtin, nameVi, nameEn, description, brand, $"{department.Vi} > {aisleVi}",
                    kind.SoldBy, kind.SoldBy == SoldBy.Weight ? "kg" : unit, kind.SoldBy == SoldBy.Weight ? 1m : size, price, taxClass,
                    tags, allergens, country, storage, kind.Perishable,
                    kind.Perishable || random.Next(2) == 0 ? random.Next(shelfMin, shelfMax + 1) : null,
                    [$"https://img.grocery.local/products/{sku.ToLowerInvariant()}.jpg"], true, random.Next(0, 10_000),
                    DescriptionEn: descriptionEn);
            }
        }
    }

    public static async Task WriteCsvAsync(TextWriter writer, int count, int seed = 20261126)
    {
        await writer.WriteLineAsync(Importing.ProductCsv.HeaderLine);
        foreach (var draft in Generate(count, seed)) await writer.WriteLineAsync(Importing.ProductCsv.ToLine(draft));
    }

    /// <summary>Each department's real brands first, then invented ones, about 1,000 in all.</summary>
    private static string[][] BuildBrands(Random random)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new string[Departments.Length][];
        for (var d = 0; d < Departments.Length; d++)
        {
            var list = Departments[d].Brands.Where(used.Add).ToList();
            while (list.Count < 66)
            {
                var name = $"{BrandStems[random.Next(BrandStems.Length)]} {BrandSuffixes[random.Next(BrandSuffixes.Length)]}";
                if (used.Add(name)) list.Add(name);
            }
            result[d] = [.. list];
        }
        return result;
    }

    private static (string Vi, string En) Split(string pair)
    {
        var bar = pair.IndexOf('|');
        return (pair[..bar], pair[(bar + 1)..]);
    }

    /// <summary>Vietnamese counts eggs as "quả" and other pieces as "cái"; "pcs" is the catalog's unit, not a shopper's word.</summary>
    private static string PieceWord(string aisleEn) => aisleEn.EndsWith("eggs", StringComparison.Ordinal) ? "quả" : "cái";

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static string Storage(StorageType storage) => storage switch
    {
        StorageType.Chilled => "bảo quản mát 0-4°C",
        StorageType.Frozen => "bảo quản đông lạnh -18°C",
        _ => "bảo quản nơi khô ráo, thoáng mát",
    };

    private static string StorageEn(StorageType storage) => storage switch
    {
        StorageType.Chilled => "keep chilled at 0-4°C",
        StorageType.Frozen => "keep frozen at -18°C",
        _ => "store in a cool, dry place",
    };
}
