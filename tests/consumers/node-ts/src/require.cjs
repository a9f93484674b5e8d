// CommonJS: require() of the ES module package (Node ^20.19 / >= 22.12, as package.json's engines say).
const { analyze, version } = require("marsad");

const r = analyze("وقال وزير الخارجية الروسي سيرغي لافروف في موسكو: «نحن مستعدون للتعاون مع سورية».");
console.log(JSON.stringify({ version: version(), entities: r.entities.length, result: r }));
