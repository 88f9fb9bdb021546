// The one string format envelope.schema.json uses (`date-time`, RFC 3339), added to ajv without
// the ajv-formats package.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Adds `date-time` to an ajv instance and returns it. */
export default function addFormats(ajv) {
  ajv.addFormat("date-time", { type: "string", validate: (s) => RFC3339.test(s) && !Number.isNaN(Date.parse(s)) });
  return ajv;
}
