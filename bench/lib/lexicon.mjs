// The engine's lexicon-only classification: the same engine code on the same pack without its
// learned n-gram model (`classify.model`, issue 17). The keyword peer reads only the lexicon, so
// this is the engine answer it can be held to; the full engine (lexicon + model) is compared too.
/** A second engine whose default pack is pack `id` of `engine` minus `classify.model`. */
export function lexiconOnly(Engine, engine, id = "ecommerce") {
  const doc = structuredClone(engine.packDocument(id));
  if (!doc.classify?.model) throw new Error(`pack ${id} has no learned model: the lexicon-only engine would be the engine itself`);
  delete doc.classify.model;
  return new Engine({ pack: doc });
}
