// Autocomplete for the header's search box. Progressive: without this script the box submits to /search.
// Listeners sit on the document, so they survive Blazor's enhanced navigation replacing the header.
(() => {
    let timer, last = "";
    const box = () => document.getElementById("search-box");
    const list = () => document.getElementById("search-suggestions");

    function close() {
        const l = list(), b = box();
        if (!l || !b) return;
        l.hidden = true;
        l.replaceChildren();
        b.setAttribute("aria-expanded", "false");
    }

    async function suggest(text) {
        if (text === last) return;
        last = text;
        if (text.length < 2) { close(); return; }
        let items = [];
        try {
            const response = await fetch(`/search/suggest?q=${encodeURIComponent(text)}`, { headers: { accept: "application/json" } });
            if (response.ok) items = await response.json();
        } catch { /* offline or the catalog is down: the box still submits */ }
        const l = list(), b = box();
        if (!l || !b || b.value.trim() !== text) return;
        l.replaceChildren(...items.map((item, i) => {
            const li = document.createElement("li");
            li.setAttribute("role", "option");
            li.id = `suggestion-${i}`;
            const a = document.createElement("a");
            a.href = item.url;
            a.textContent = item.name;
            a.setAttribute("data-testid", "suggestion");
            li.append(a);
            return li;
        }));
        l.hidden = items.length === 0;
        b.setAttribute("aria-expanded", items.length ? "true" : "false");
    }

    document.addEventListener("input", e => {
        if (e.target.id !== "search-box") return;
        clearTimeout(timer);
        const text = e.target.value.trim();
        timer = setTimeout(() => suggest(text), 150);
    });
    document.addEventListener("keydown", e => {
        const l = list();
        if (!l || l.hidden) return;
        const links = [...l.querySelectorAll("a")];
        const at = links.indexOf(document.activeElement);
        if (e.key === "Escape") { close(); box()?.focus(); }
        else if (e.key === "ArrowDown" && (e.target.id === "search-box" || at >= 0)) { e.preventDefault(); links[Math.min(at + 1, links.length - 1)]?.focus(); }
        else if (e.key === "ArrowUp" && at >= 0) { e.preventDefault(); (at === 0 ? box() : links[at - 1])?.focus(); }
    });
    document.addEventListener("click", e => { if (!e.target.closest?.(".search")) close(); });
})();
