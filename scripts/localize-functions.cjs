// Derives a localised custom-functions metadata file from the generated functions.json.
// Only display text changes (name, description, parameter names and descriptions); ids, types,
// dimensionality and options stay those of the base file, which is what Excel keys on.
"use strict";

function localizeFunctionsMetadata(metadata, translations) {
  const missing = metadata.functions.filter((f) => !translations[f.id]).map((f) => f.id);
  if (missing.length) throw new Error(`functions.vi.json lacks translations for: ${missing.join(", ")}`);
  return {
    ...metadata,
    functions: metadata.functions.map((f) => {
      const t = translations[f.id];
      return {
        ...f,
        name: t.name,
        description: t.description,
        parameters: (f.parameters || []).map((p) => {
          const tp = (t.parameters || {})[p.name];
          if (!tp) throw new Error(`functions.vi.json: ${f.id} lacks parameter "${p.name}"`);
          return { ...p, name: tp.name, description: tp.description };
        }),
      };
    }),
  };
}

module.exports = { localizeFunctionsMetadata };
