"""Builds >= 1,000 distinct storefront category-page and product-page URLs by walking the running catalog (stdlib only)."""
import json, sys, urllib.request, random, os

catalog, out = sys.argv[1], sys.argv[2]
random.seed(11)

def get(path):
    with urllib.request.urlopen(catalog + path) as r:
        return json.load(r)

tree = get("/api/v1/categories")
cats = [c["slug"] for c in tree] + [ch["slug"] for c in tree for ch in c["children"]]
sorts = ["", "price", "-price", "unit_price", "name", "newest"]
prices = ["", "50000", "100000"]

# What a shopper clicks: an aisle, a sort, a price ceiling.
category = []
for c in cats:
    for s in sorts:
        for p in prices:
            query = "&".join(x for x in (f"sort={s}" if s else "", f"maxPrice={p}" if p else "") if x)
            category.append(f"/c/{c}" + (f"?{query}" if query else ""))
random.shuffle(category)
category = category[:1500]

slugs = []
for c in cats:
    page = get(f"/api/v1/products?category={c}&limit=48")
    slugs += [i["slug"] for i in page["items"]]
    if len(set(slugs)) >= 1500:
        break
slugs = sorted(set(slugs))
random.shuffle(slugs)
product = [f"/p/{s}" for s in slugs[:1500]]

os.makedirs(out, exist_ok=True)
for name, urls in (("category", category), ("product", product)):
    with open(os.path.join(out, name + ".txt"), "w") as f:
        f.write("\n".join(urls) + "\n")
    print(f"{name}: {len(urls)} distinct URLs")
