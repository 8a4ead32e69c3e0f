// Renders the bundle's base and overlays the way kustomize does for the features the bundle uses
// (resources, components, namespace, strategic-merge patches by kind and name) and validates every
// rendered document against the upstream Kubernetes OpenAPI schemas of npm's kubernetes-models.
// Usage: node render-and-validate.mjs <bundle dir> <output json>
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";

const [bundle, output] = process.argv.slice(2);

const readDocs = (file) =>
  YAML.parseAllDocuments(fs.readFileSync(file, "utf8")).map((d) => {
    if (d.errors.length) throw new Error(`${file}: ${d.errors[0].message}`);
    return d.toJS();
  }).filter((d) => d !== null);

// Lists merged by "name" in a strategic-merge patch (patchMergeKey of the Kubernetes types used here).
const mergedByName = new Set(["containers", "initContainers", "env", "volumes"]);

function merge(target, patch) {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete target[key];
    else if (Array.isArray(value) && mergedByName.has(key) && Array.isArray(target[key])) {
      for (const item of value) {
        const existing = target[key].find((t) => t.name === item.name);
        if (existing) merge(existing, item);
        else target[key].push(structuredClone(item));
      }
    } else if (typeof value === "object" && !Array.isArray(value) && typeof target[key] === "object" && target[key] !== null && !Array.isArray(target[key])) {
      merge(target[key], value);
    } else target[key] = structuredClone(value);
  }
}

function render(dir) {
  const kustomization = readDocs(path.join(dir, "kustomization.yaml"))[0];
  let docs = [];
  for (const resource of kustomization.resources ?? []) {
    const full = path.join(dir, resource);
    docs.push(...(fs.statSync(full).isDirectory() ? render(full) : readDocs(full)));
  }
  const patches = [...(kustomization.patches ?? []).map((p) => path.join(dir, p.path))];
  for (const component of kustomization.components ?? []) {
    const componentDir = path.join(dir, component);
    const spec = readDocs(path.join(componentDir, "kustomization.yaml"))[0];
    if (spec.kind !== "Component") throw new Error(`${component} is not a Component`);
    for (const resource of spec.resources ?? []) docs.push(...readDocs(path.join(componentDir, resource)));
    patches.push(...(spec.patches ?? []).map((p) => path.join(componentDir, p.path)));
  }
  for (const file of patches) {
    for (const patch of readDocs(file)) {
      const target = docs.find((d) => d.kind === patch.kind && d.metadata.name === patch.metadata.name);
      if (!target) throw new Error(`${file}: no ${patch.kind} named ${patch.metadata.name} to patch`);
      const { apiVersion, kind, metadata: { name, ...metadata }, ...rest } = patch;
      merge(target.metadata, metadata);
      merge(target, rest);
    }
  }
  if (kustomization.namespace) {
    for (const doc of docs) if (doc.kind !== "Namespace") doc.metadata.namespace = kustomization.namespace;
  }
  return docs;
}

async function validate(doc) {
  const [group, version] = doc.apiVersion.includes("/") ? doc.apiVersion.split("/") : [null, doc.apiVersion];
  const module = await import(`kubernetes-models/${group ? `${group}/${version}` : version}/${doc.kind}`);
  const Model = module[doc.kind] ?? module.default;
  if (!Model) throw new Error(`kubernetes-models has no ${doc.apiVersion} ${doc.kind}`);
  new Model(doc).validate();
}

const result = { rendered: {}, errors: [] };
const targets = { base: "base", staging: "overlays/staging", production: "overlays/production" };
for (const [name, dir] of Object.entries(targets)) {
  try {
    result.rendered[name] = render(path.join(bundle, dir));
  } catch (e) {
    result.errors.push(`${name}: ${e.message}`);
    result.rendered[name] = [];
  }
}
result.rendered["ingress-nginx"] = readDocs(path.join(bundle, "ingress-nginx", "controller-configmap.yaml"));
// Components that add objects (rather than patch them) are validated on their own.
for (const component of ["pgbouncer", "observability", "in-cluster-data"]) {
  const dir = path.join(bundle, "components", component);
  const spec = readDocs(path.join(dir, "kustomization.yaml"))[0];
  result.rendered[component] = spec.resources.flatMap((r) => readDocs(path.join(dir, r)));
}
let validated = 0;
for (const [name, docs] of Object.entries(result.rendered)) {
  for (const doc of docs) {
    try {
      await validate(doc);
      validated++;
    } catch (e) {
      result.errors.push(`${name}: ${doc.kind}/${doc.metadata?.name}: ${e.message}`);
    }
  }
}
result.validated = validated;
fs.writeFileSync(output, JSON.stringify(result));
