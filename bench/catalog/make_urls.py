"""Builds >= 1,000 distinct URLs per scenario by walking the running catalog (stdlib only)."""
import json, sys, urllib.request, urllib.parse, random, unicodedata, os

base, out = sys.argv[1], sys.argv[2]
random.seed(7)

def get(path):
    with urllib.request.urlopen(base + path) as r:
        return json.load(r)

def fold(s):
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn").lower()

tree = get("/api/v1/categories")
tops = [c["slug"] for c in tree]
subs = [ch["slug"] for c in tree for ch in c["children"]]
cats = tops + subs
sorts = ["relevance", "price", "-price", "unit_price", "name", "newest"]

first = [f"/api/v1/products?category={c}&sort={s}&limit={l}" for c in cats for s in sorts for l in (24, 48)]
random.shuffle(first)
first = first[:1200]

deep, slugs, names = [], [], []
for c in subs:
    for s in ("relevance", "price", "name", "newest", "-price", "unit_price"):
        path = f"/api/v1/products?category={c}&sort={s}&limit=24"
        page = get(path)
        if s == "relevance":
            slugs += [i["slug"] for i in page["items"]]
            names += [(i["name"], i["nameEn"]) for i in page["items"]]
        # Pages 3 and 5 of each walk: a cursor from well inside the category, never the first page.
        for depth in range(2, 6):
            if not page["nextCursor"]:
                break
            nxt = f"{path}&cursor={page['nextCursor']}"
            page = get(nxt)
            if depth in (3, 5):
                deep.append(nxt)
random.shuffle(deep)
deep = deep[:1200]

details = [f"/api/v1/products/{s}" for s in slugs][:1500]

queries = set()
for vi, en in names:
    w, e = fold(vi).split(), en.lower().split()
    queries.add(" ".join(w[:2]))
    queries.add(" ".join(w[:3]))
    queries.add(" ".join(e[-2:]))
    queries.add(w[0] + " " + w[-1])
    word = random.choice([x for x in e if len(x) > 4] or e)
    if len(word) > 4:
        i = random.randrange(1, len(word) - 1)
        queries.add(word[:i] + word[i + 1:])  # one letter dropped: a typo
queries = sorted(q for q in queries if q.strip())
random.shuffle(queries)
search = [f"/api/v1/search?q={urllib.parse.quote(q)}" for q in queries[:1500]]

prefixes = set()
for vi, en in names:
    for word in fold(vi).split() + en.lower().split():
        for n in (2, 3, 4, 5, 6):
            if len(word) >= n and word.isalnum():
                prefixes.add(word[:n])
prefixes = sorted(prefixes)
random.shuffle(prefixes)
suggest = [f"/api/v1/search/suggest?q={urllib.parse.quote(p)}" for p in prefixes[:1500]]

os.makedirs(out, exist_ok=True)
for name, urls in (("first", first), ("deep", deep), ("detail", details), ("search", search), ("suggest", suggest)):
    with open(os.path.join(out, name + ".txt"), "w") as f:
        f.write("\n".join(urls) + "\n")
    print(f"{name}: {len(urls)} distinct URLs")
