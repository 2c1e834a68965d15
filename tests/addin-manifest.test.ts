/**
 * The add-in manifest, checked offline (office-addin-manifest validate needs the network):
 * well-formed XML, every resource id defined and within the schema's limits, every URL served
 * by the production build, Vietnamese overrides present, the production URL fully replaced.
 */
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { DOMParser, type Document, type Element } from "@xmldom/xmldom";
import { beforeAll, describe, expect, it } from "vitest";
import { ADDIN_DIST, ROOT, buildAddin } from "./addin-build";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { rewriteManifest } = require("../webpack.config.js") as { rewriteManifest: (xml: string, url: string) => string };

const BT = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
const DEV = "https://localhost:3000";
/** OfficeAppManifest schema: ShortString 1–125, LongString 1–250 characters; resource ids ≤ 32. */
const SHORT_MAX = 125;
const LONG_MAX = 250;
const RESID_MAX = 32;

function parse(xml: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") errors.push(message);
    },
  }).parseFromString(xml, "text/xml");
  if (errors.length) throw new Error(errors.join("\n"));
  return doc;
}

function all(doc: Document | Element, local: string, ns?: string): Element[] {
  const list = ns ? doc.getElementsByTagNameNS(ns, local) : doc.getElementsByTagName(local);
  return Array.from({ length: list.length }, (_, i) => list.item(i)!);
}

function attrs(doc: Document, name: string): { el: Element; value: string }[] {
  const out: { el: Element; value: string }[] = [];
  const walk = (el: Element): void => {
    if (el.hasAttribute?.(name)) out.push({ el, value: el.getAttribute(name)! });
    for (let i = 0; i < el.childNodes.length; i++) {
      const child = el.childNodes.item(i);
      if (child?.nodeType === 1) walk(child as Element);
    }
  };
  walk(doc.documentElement!);
  return out;
}

/** Resource definitions (bt:Image inside <Icon> elements are references, not definitions). */
function resources(local: "Image" | "Url" | "String"): Element[] {
  return all(all(doc, "Resources")[0], local, BT).filter((e) => e.hasAttribute("id"));
}

const source = readFileSync(join(ROOT, "manifest.xml"), "utf8");
const doc = parse(source);

let dist: string;
beforeAll(async () => {
  dist = await buildAddin();
}, 600_000);

describe("manifest.xml", () => {
  it("is a task pane add-in for Excel with a GUID id and the shared runtime", () => {
    const root = doc.documentElement!;
    expect(root.localName).toBe("OfficeApp");
    expect(root.getAttribute("xsi:type")).toBe("TaskPaneApp");
    expect(all(doc, "Id")[0].textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(all(doc, "DefaultLocale")[0].textContent).toBe("en-US");
    expect(all(doc, "Host").some((h) => h.getAttribute("Name") === "Workbook")).toBe(true);
    const sets = all(doc, "Set").map((s) => `${s.getAttribute("Name")} ${s.getAttribute("MinVersion")}`);
    expect(sets).toEqual(expect.arrayContaining(["SharedRuntime 1.1", "CustomFunctionsRuntime 1.1"]));
    const runtime = all(doc, "Runtime")[0];
    expect(runtime.getAttribute("lifetime")).toBe("long");
    // One runtime: the task pane page is also the custom functions' page and the function file.
    const page = all(doc, "Page")[0].getElementsByTagName("SourceLocation").item(0)!;
    expect(page.getAttribute("resid")).toBe(runtime.getAttribute("resid"));
    expect(all(doc, "FunctionFile")[0].getAttribute("resid")).toBe(runtime.getAttribute("resid"));
  });

  it("defines every resource it refers to, with unique ids of at most 32 characters", () => {
    const defined = [...resources("Image"), ...resources("Url"), ...resources("String")].map((e) => e.getAttribute("id")!);
    expect(new Set(defined).size).toBe(defined.length);
    for (const id of defined) expect(id.length, id).toBeLessThanOrEqual(RESID_MAX);
    const referenced = attrs(doc, "resid").map((a) => a.value);
    for (const id of referenced) expect(defined, `resid ${id}`).toContain(id);
    // Nothing defined in vain.
    for (const id of defined) expect(referenced, `unused resource ${id}`).toContain(id);
  });

  it("has unique control ids and one ribbon group with the three buttons", () => {
    const controls = all(doc, "Control").map((c) => c.getAttribute("id")!);
    expect(controls).toEqual(["DTBD.CheckButton", "DTBD.ConsolidateButton", "DTBD.TemplateButton"]);
    const ids = [...controls, ...all(doc, "Group").map((g) => g.getAttribute("id")!)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(125);
  });

  it("keeps strings within the schema limits and gives each a vi-VN override", () => {
    const check = (el: Element, max: number) => {
      const values = [el.getAttribute("DefaultValue")!, ...Array.from({ length: el.childNodes.length }, (_, i) => el.childNodes.item(i))
        .filter((n) => n?.nodeType === 1)
        .map((n) => (n as Element).getAttribute("Value")!)];
      for (const v of values) {
        expect(v.length, v).toBeGreaterThan(0);
        expect(v.length, v).toBeLessThanOrEqual(max);
      }
    };
    const short = all(doc, "ShortStrings", BT)[0];
    const long = all(doc, "LongStrings", BT)[0];
    for (const s of all(short, "String", BT)) check(s, SHORT_MAX);
    for (const s of all(long, "String", BT)) check(s, LONG_MAX);
    check(all(doc, "DisplayName")[0], SHORT_MAX);
    check(all(doc, "Description")[0], LONG_MAX);

    const viOverride = (el: Element) =>
      Array.from({ length: el.childNodes.length }, (_, i) => el.childNodes.item(i)).find(
        (n) => n?.nodeType === 1 && (n as Element).getAttribute("Locale") === "vi-VN",
      ) as Element | undefined;
    const stringById = new Map(all(doc, "String", BT).map((s) => [s.getAttribute("id")!, s]));
    const labels = { "Check.Label": "Kiểm tra", "Consolidate.Label": "Tổng hợp", "Template.Label": "Mẫu mới" };
    for (const [id, vi] of Object.entries(labels)) expect(viOverride(stringById.get(id)!)?.getAttribute("Value")).toBe(vi);
    for (const id of ["Group.Label", "Check.Tooltip", "Consolidate.Tooltip", "Template.Tooltip", "GetStarted.Title", "GetStarted.Description"]) {
      expect(viOverride(stringById.get(id)!), id).toBeDefined();
    }
    expect(viOverride(all(doc, "DisplayName")[0])?.getAttribute("Value")).toMatch(/Kiểm tra kế hoạch đào tạo/);
    expect(viOverride(all(doc, "Description")[0])).toBeDefined();
    // The namespace is the same in every language: formulas are typed as DTBD.… everywhere.
    expect(stringById.get("Functions.Namespace")!.getAttribute("DefaultValue")).toBe("DTBD");
    expect(viOverride(stringById.get("Functions.Namespace")!)).toBeUndefined();
  });

  it("points every URL at a file of the production build", () => {
    const urls = [
      ...attrs(doc, "DefaultValue").filter((a) => a.value.startsWith("https://")).map((a) => a.value),
      ...attrs(doc, "Value").filter((a) => a.value.startsWith("https://")).map((a) => a.value),
    ];
    expect(urls.length).toBeGreaterThan(15);
    for (const url of urls) {
      expect(url.startsWith(`${DEV}/`), url).toBe(true);
      const path = new URL(url).pathname.slice(1);
      expect(existsSync(join(dist, path)), `${url} → dist/${path}`).toBe(true);
    }
    expect(all(doc, "AppDomain").map((a) => a.textContent)).toEqual([DEV]);
  });

  it("uses icons of the declared sizes", () => {
    for (const image of resources("Image")) {
      const size = Number(/(\d+)x\1$/.exec(image.getAttribute("id")!)![1]);
      const png = readFileSync(join(dist, new URL(image.getAttribute("DefaultValue")!).pathname));
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });

  it("names ribbon functions that the task pane registers", () => {
    const code = readFileSync(join(ROOT, "src/taskpane/taskpane.ts"), "utf8");
    for (const fn of all(doc, "FunctionName")) expect(code).toContain(`${fn.textContent}:`);
  });

  it("is rewritten for production: every localhost URL replaced, AppDomain an origin", () => {
    const prod = rewriteManifest(source, "https://dtbd.langson.gov.vn/addin");
    expect(prod).not.toContain("localhost");
    const prodDoc = parse(prod);
    expect(all(prodDoc, "AppDomain").map((a) => a.textContent)).toEqual(["https://dtbd.langson.gov.vn"]);
    expect(all(prodDoc, "SourceLocation")[0].getAttribute("DefaultValue")).toBe("https://dtbd.langson.gov.vn/addin/taskpane.html");
    const built = readFileSync(join(ADDIN_DIST, "manifest.xml"), "utf8");
    expect(built).toBe(rewriteManifest(source, DEV));
  });
});

describe("custom functions metadata", () => {
  const NAMES = { ATTAINMENT: "TYLE", STATUS: "TINHTRANG", PERYEAR: "TRUNGBINHNAM", CHANGE: "TANGGIAM", NUMBER: "SO", CODE: "MASO", UNICODE: "CHUYENMA", CHECK: "KIEMTRA" };
  type Meta = { functions: { id: string; name: string; description: string; parameters: { name: string; description?: string; dimensionality?: string; optional?: boolean }[]; result: { dimensionality?: string }; options?: Record<string, boolean> }[] };

  it("lists the eight functions under their English names, each taking and spilling ranges", () => {
    const meta = JSON.parse(readFileSync(join(dist, "functions.json"), "utf8")) as Meta;
    expect(meta.functions.map((f) => f.id).sort()).toEqual(Object.keys(NAMES).sort());
    for (const f of meta.functions) {
      expect(f.name).toBe(f.id);
      expect(f.description.length).toBeGreaterThan(10);
      expect(f.result.dimensionality).toBe("matrix");
      expect(f.parameters[0].dimensionality).toBe("matrix");
    }
    const change = meta.functions.find((f) => f.id === "CHANGE")!;
    expect(change.parameters.map((p) => [p.name, p.optional ?? false])).toEqual([["current", false], ["baseline", false], ["asRatio", true]]);
    expect(meta.functions.find((f) => f.id === "CHECK")!.options?.requiresParameterAddresses).toBe(true);
  });

  it("has a vi-VN file with the Vietnamese names and descriptions, same ids and parameters", () => {
    const base = JSON.parse(readFileSync(join(dist, "functions.json"), "utf8")) as Meta;
    const vi = JSON.parse(readFileSync(join(dist, "functions-vi.json"), "utf8")) as Meta;
    expect(vi.functions.map((f) => [f.id, f.name])).toEqual(base.functions.map((f) => [f.id, NAMES[f.id as keyof typeof NAMES]]));
    for (const [i, f] of vi.functions.entries()) {
      expect(f.description).not.toBe(base.functions[i].description);
      expect(f.description).toMatch(/[àáảãạăâđêôơưỳýỷỹỵ]/i);
      expect(f.parameters.length).toBe(base.functions[i].parameters.length);
      expect({ ...f, name: "", description: "", parameters: [] }).toEqual({ ...base.functions[i], name: "", description: "", parameters: [] });
    }
    // Excel's rule: a letter first, then letters, digits, "_" or ".". Microsoft's naming guide
    // also asks for three characters; the published name DTBD.SO has two, and users' formulas depend on it.
    for (const f of vi.functions) expect(f.name).toMatch(/^[A-Z][A-Z0-9_.]+$/);
  });
});
