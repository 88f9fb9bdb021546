//! The classification evaluation report (issues 4 and 17): `make eval` writes `docs/eval.md`.
//!
//! Every labelled text (see `examples/labelled`: the first set as writer `O`, the writers' batches
//! as `A` and `B`) is classified by a model that never saw its writer — or, in the style table,
//! its style: for each held-out writer (style), the category model is trained with
//! `complaint_rules::classify::train` on the others, exactly as `make train` does on everything.
//! No figure comes from a random split of lines. The lexicon alone is reported beside it.
//!
//! ```text
//! cargo run --profile bench --example eval                # writes docs/eval.md, prints it
//! cargo run --profile bench --example eval -- --errors B  # lists writer B's held-out mistakes
//! cargo run --profile bench --example eval -- --lowo --set keep_per_class=400
//!                                     # pooled leave-one-writer-out figures of other options
//! ```

mod labelled;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use complaint_rules::classify::{
    classify, train, Classification, ClassifyInput, ClassifyModel, Level, TrainOptions,
};
use complaint_rules::engine::Engine;
use complaint_rules::pack::Pack;
use labelled::Labelled;

const REPORT: &str = "docs/eval.md";
const PACKS: &[&str] = &["ecommerce", "trading-member"];

struct Outcome<'a> {
    item: &'a Labelled,
    result: Classification,
}

impl Outcome<'_> {
    fn top1(&self) -> bool {
        self.result.category.id == self.item.category
    }
    fn top2(&self) -> bool {
        self.top1() || self.result.runners_up.first().is_some_and(|r| r.id == self.item.category)
    }
    fn severity(&self) -> &'static str {
        match self.result.severity.level {
            Level::Major => "major",
            Level::General => "general",
        }
    }
    fn flags(&self) -> Vec<String> {
        let set: BTreeSet<String> = self.result.flags.iter().map(|f| f.id.clone()).collect();
        set.into_iter().collect()
    }
    fn labelled_flags(&self) -> Vec<String> {
        let set: BTreeSet<String> = self.item.flags.iter().cloned().collect();
        set.into_iter().collect()
    }
}

fn pct(n: usize, d: usize) -> String {
    if d == 0 {
        "–".into()
    } else {
        format!("{:.1} %", n as f64 * 100.0 / d as f64)
    }
}

fn count(outcomes: &[Outcome<'_>], f: impl Fn(&Outcome<'_>) -> bool) -> usize {
    outcomes.iter().filter(|o| f(o)).count()
}

/// `pack` with `model` instead of its own.
fn with_model(pack: &Pack, model: Option<ClassifyModel>) -> Pack {
    let mut p = pack.clone();
    p.classify = p.classify.as_ref().map(|c| c.with_model(model));
    p
}

fn trained(
    pack: &Pack,
    items: &[&Labelled],
    opts: &TrainOptions,
) -> Result<Pack, Box<dyn std::error::Error>> {
    let model = train(pack, &labelled::examples(items.iter().copied()), opts)?;
    Ok(with_model(pack, Some(model)))
}

fn run<'a>(
    pack: &Pack,
    items: &[&'a Labelled],
) -> Result<Vec<Outcome<'a>>, Box<dyn std::error::Error>> {
    items
        .iter()
        .map(|item| {
            let result = classify(pack, &ClassifyInput::text(item.text.clone()))?;
            Ok(Outcome { item, result })
        })
        .collect()
}

/// Held-out outcomes: for each value of `key`, a model trained on the items with another value.
fn held_out<'a>(
    pack: &Pack,
    items: &[&'a Labelled],
    key: &dyn Fn(&Labelled) -> String,
    opts: &TrainOptions,
) -> Result<BTreeMap<String, Vec<Outcome<'a>>>, Box<dyn std::error::Error>> {
    let values: BTreeSet<String> = items.iter().map(|i| key(i)).collect();
    let mut out = BTreeMap::new();
    for v in values {
        let (test, rest): (Vec<&Labelled>, Vec<&Labelled>) =
            items.iter().partition(|i| key(i) == v);
        let model_pack = trained(pack, &rest, opts)?;
        out.insert(v, run(&model_pack, &test)?);
    }
    Ok(out)
}

fn summary_row(out: &mut String, name: &str, lexicon: &[Outcome<'_>], both: &[Outcome<'_>]) {
    let n = both.len();
    let _ = writeln!(
        out,
        "| {name} | {n} | {} | **{}** | {} | {} | {} | {} |",
        pct(count(lexicon, |o| o.top1()), n),
        pct(count(both, |o| o.top1()), n),
        pct(count(both, |o| o.top2()), n),
        pct(count(both, |o| o.result.cause_class.id == o.item.cause_class), n),
        pct(count(both, |o| o.severity() == o.item.severity), n),
        pct(count(both, |o| o.flags() == o.labelled_flags()), n),
    );
}

const SUMMARY_HEAD: &str = "| held out | n | top-1 lexicon only | top-1 lexicon + model | top-2 | cause class | severity | flags (exact set) |\n|---|---:|---:|---:|---:|---:|---:|---:|";

/// The pack's written scope of each category that has one: the labelling guide the texts follow.
fn scopes(out: &mut String, pack: &Pack) {
    let scoped: Vec<_> = pack
        .taxonomy
        .categories
        .iter()
        .filter_map(|c| c.scope.as_ref().map(|s| (&c.id, s)))
        .collect();
    if scoped.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n### Category scopes (pack data, the labelling guide)\n");
    for (id, scope) in scoped {
        let _ = writeln!(out, "- `{id}`: {}", scope.en);
    }
}

fn per_category(out: &mut String, outcomes: &[Outcome<'_>], ids: &[String]) {
    let _ = writeln!(out, "| # | category | n | precision | recall |\n|---|---|---:|---:|---:|");
    for (i, id) in ids.iter().enumerate() {
        let truth = count(outcomes, |o| o.item.category == *id);
        let predicted = count(outcomes, |o| o.result.category.id == *id);
        let hit = count(outcomes, |o| o.item.category == *id && o.top1());
        let _ = writeln!(
            out,
            "| {i} | {id} | {truth} | {} | {} |",
            pct(hit, predicted),
            pct(hit, truth)
        );
    }
}

fn confusion(out: &mut String, outcomes: &[Outcome<'_>], ids: &[String]) {
    let _ = writeln!(out, "Rows: labelled category; columns: predicted (by # above).\n");
    let head: Vec<String> = (0..ids.len()).map(|i| i.to_string()).collect();
    let _ = writeln!(out, "| labelled \\ predicted | {} |", head.join(" | "));
    let _ = writeln!(out, "|---|{}", "---:|".repeat(ids.len()));
    for (r, row) in ids.iter().enumerate() {
        let cells: Vec<String> = ids
            .iter()
            .map(|col| {
                let c =
                    count(outcomes, |o| o.item.category == *row && o.result.category.id == *col);
                if c == 0 {
                    "·".into()
                } else {
                    c.to_string()
                }
            })
            .collect();
        let _ = writeln!(out, "| {r} {row} | {} |", cells.join(" | "));
    }
}

fn flag_table(out: &mut String, outcomes: &[Outcome<'_>]) {
    let _ = writeln!(
        out,
        "| flag / level | labelled | raised | precision | recall |\n|---|---:|---:|---:|---:|"
    );
    for flag in ["litigation_risk", "police"] {
        let truth = count(outcomes, |o| o.item.flags.iter().any(|f| f == flag));
        let raised = count(outcomes, |o| o.flags().iter().any(|f| f == flag));
        let both = count(outcomes, |o| {
            o.item.flags.iter().any(|f| f == flag) && o.flags().iter().any(|f| f == flag)
        });
        let _ = writeln!(
            out,
            "| {flag} | {truth} | {raised} | {} | {} |",
            pct(both, raised),
            pct(both, truth)
        );
    }
    let truth = count(outcomes, |o| o.item.severity == "major");
    let raised = count(outcomes, |o| o.severity() == "major");
    let both = count(outcomes, |o| o.item.severity == "major" && o.severity() == "major");
    let _ = writeln!(
        out,
        "| severity major | {truth} | {raised} | {} | {} |",
        pct(both, raised),
        pct(both, truth)
    );
}

/// Top-1 of a model trained on one writer only, tested on another.
fn cross_table(
    out: &mut String,
    pack: &Pack,
    items: &[&Labelled],
    opts: &TrainOptions,
) -> Result<(), Box<dyn std::error::Error>> {
    let writers: BTreeSet<&str> = items.iter().map(|i| i.writer()).collect();
    let _ = writeln!(
        out,
        "| trained on \\ tested on | {} |",
        writers.iter().copied().collect::<Vec<_>>().join(" | ")
    );
    let _ = writeln!(out, "|---|{}", "---:|".repeat(writers.len()));
    for train_w in &writers {
        let rest: Vec<&Labelled> =
            items.iter().copied().filter(|i| i.writer() == *train_w).collect();
        let model_pack = trained(pack, &rest, opts)?;
        let mut cells = Vec::new();
        for test_w in &writers {
            if test_w == train_w {
                cells.push("(seen)".to_string());
                continue;
            }
            let test: Vec<&Labelled> =
                items.iter().copied().filter(|i| i.writer() == *test_w).collect();
            let o = run(&model_pack, &test)?;
            cells.push(pct(count(&o, |o| o.top1()), o.len()));
        }
        let _ = writeln!(out, "| {train_w} | {} |", cells.join(" | "));
    }
    Ok(())
}

/// The writers kept out of training (`data/heldout/`), classified by the shipped pack as it is
/// (and by its lexicon alone): one row per writer and their pool.
fn held_out_writers(
    out: &mut String,
    (shipped, lexicon_pack): (&Pack, &Pack),
    pack_id: &str,
    held: &[Labelled],
) -> Result<(), Box<dyn std::error::Error>> {
    let items: Vec<&Labelled> = held.iter().filter(|i| i.pack == pack_id).collect();
    if items.is_empty() {
        return Ok(());
    }
    let _ = writeln!(
        out,
        "\n### Writers kept out of training (`data/heldout/`)\n\nTexts no model was trained on and no \
         choice of the trainer, lexicon or cue rules was made with, classified by the shipped pack \
         as it is.\n"
    );
    let _ = writeln!(out, "{SUMMARY_HEAD}");
    let writers: BTreeSet<&str> = items.iter().map(|i| i.writer()).collect();
    for w in &writers {
        let mine: Vec<&Labelled> = items.iter().copied().filter(|i| i.writer() == *w).collect();
        summary_row(out, &format!("writer {w}"), &run(lexicon_pack, &mine)?, &run(shipped, &mine)?);
    }
    summary_row(out, "**pooled**", &run(lexicon_pack, &items)?, &run(shipped, &items)?);
    Ok(())
}

fn pack_report(
    out: &mut String,
    engine: &Engine,
    pack_id: &str,
    (all, held): (&[Labelled], &[Labelled]),
    mode: &Mode,
    opts: &TrainOptions,
) -> Result<(), Box<dyn std::error::Error>> {
    let shipped = engine.pack(Some(pack_id), chrono::NaiveDate::MAX)?;
    let lexicon_pack = with_model(&shipped, None);
    let ids: Vec<String> = shipped.taxonomy.categories.iter().map(|c| c.id.clone()).collect();
    let items: Vec<&Labelled> = all.iter().filter(|i| i.pack == pack_id).collect();
    let by_writer = held_out(&lexicon_pack, &items, &|i| i.writer().to_string(), opts)?;
    if let Mode::Lowo = mode {
        let pooled: Vec<&Outcome<'_>> = by_writer.values().flatten().collect();
        let n = pooled.len();
        let writers: Vec<String> = by_writer
            .iter()
            .map(|(w, o)| format!("{w} {}", pct(count(o, |o| o.top1()), o.len())))
            .collect();
        println!(
            "{pack_id}: pooled top-1 {} · top-2 {} · severity {} · flags {} ({n} texts; {})",
            pct(pooled.iter().filter(|o| o.top1()).count(), n),
            pct(pooled.iter().filter(|o| o.top2()).count(), n),
            pct(pooled.iter().filter(|o| o.severity() == o.item.severity).count(), n),
            pct(pooled.iter().filter(|o| o.flags() == o.labelled_flags()).count(), n),
            writers.join(", ")
        );
        return Ok(());
    }
    if let Mode::Errors(w) = mode {
        for o in by_writer.get(w).into_iter().flatten() {
            if !o.top1() || o.severity() != o.item.severity || o.flags() != o.labelled_flags() {
                println!(
                    "{} | want {} {} {:?} | got {} {} {:?} | runners {:?}",
                    o.item.text,
                    o.item.category,
                    o.item.severity,
                    o.item.flags,
                    o.result.category.id,
                    o.severity(),
                    o.flags(),
                    o.result.runners_up.iter().map(|r| &r.id).collect::<Vec<_>>()
                );
            }
        }
        return Ok(());
    }
    let lexicon_only = run(&lexicon_pack, &items)?;
    let lexicon_of = |keep: &dyn Fn(&Labelled) -> bool| -> Vec<Outcome<'_>> {
        lexicon_only
            .iter()
            .filter(|o| keep(o.item))
            .map(|o| Outcome { item: o.item, result: o.result.clone() })
            .collect()
    };
    let pooled: Vec<Outcome<'_>> = by_writer
        .values()
        .flatten()
        .map(|o| Outcome { item: o.item, result: o.result.clone() })
        .collect();
    let _ = writeln!(out, "## Pack `{pack_id}` ({} labelled texts)\n", items.len());
    let _ = writeln!(out, "### Leave one writer out\n\nEach writer's texts classified by a model trained on the other writers' texts only.\n");
    let _ = writeln!(out, "{SUMMARY_HEAD}");
    for (w, o) in &by_writer {
        summary_row(out, &format!("writer {w}"), &lexicon_of(&|i| i.writer() == w), o);
    }
    summary_row(out, "**all writers, pooled**", &lexicon_only, &pooled);
    let real: Vec<Outcome<'_>> = pooled
        .iter()
        .filter(|o| o.item.style() == "real_like")
        .map(|o| Outcome { item: o.item, result: o.result.clone() })
        .collect();
    if !real.is_empty() {
        summary_row(
            out,
            "real-like texts (style `real_like`)",
            &lexicon_of(&|i| i.style() == "real_like"),
            &real,
        );
    }
    held_out_writers(out, (&shipped, &lexicon_pack), pack_id, held)?;
    let _ = writeln!(
        out,
        "\n### One writer → another (top-1, lexicon + model trained on the row's writer only)\n"
    );
    cross_table(out, &lexicon_pack, &items, opts)?;
    let by_style = held_out(&lexicon_pack, &items, &|i| i.style().to_string(), opts)?;
    let _ = writeln!(out, "\n### Leave one style out\n\nEach style's texts classified by a model trained on every other style (all writers).\n");
    let _ = writeln!(out, "{SUMMARY_HEAD}");
    for (s, o) in &by_style {
        summary_row(out, &format!("`{s}`"), &lexicon_of(&|i| i.style() == s), o);
    }
    let _ = writeln!(out, "\n### Per category (leave one writer out, pooled)\n");
    per_category(out, &pooled, &ids);
    let _ = writeln!(out, "\n### Confusion table (leave one writer out, pooled)\n");
    confusion(out, &pooled, &ids);
    scopes(out, &shipped);
    let _ =
        writeln!(out, "\n### Severity and flags (all texts; rules from the pack, no training)\n");
    flag_table(out, &pooled);
    let ambiguous: Vec<Outcome<'_>> = pooled
        .iter()
        .filter(|o| o.item.ambiguous)
        .map(|o| Outcome { item: o.item, result: o.result.clone() })
        .collect();
    let shipped_out = run(&shipped, &items)?;
    let _ = writeln!(
        out,
        "\nTexts marked ambiguous by their writer: {} (top-1 {}, top-2 {}).\n\n\
         For comparison only — **not held out**: the shipped model (trained on every text) on its own training texts: top-1 {}.\n",
        ambiguous.len(),
        pct(count(&ambiguous, |o| o.top1()), ambiguous.len()),
        pct(count(&ambiguous, |o| o.top2()), ambiguous.len()),
        pct(count(&shipped_out, |o| o.top1()), shipped_out.len()),
    );
    Ok(())
}

/// What to do.
enum Mode {
    /// Write the report.
    Report,
    /// List one writer's held-out mistakes.
    Errors(String),
    /// Print the pooled leave-one-writer-out figures only (for comparing training settings).
    Lowo,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (sets, args) = labelled::split_sets(&args)?;
    let opts = labelled::options(&sets)?;
    let mode = match args.as_slice() {
        [] => Mode::Report,
        [flag, writer] if flag == "--errors" => Mode::Errors(writer.clone()),
        [flag] if flag == "--lowo" => Mode::Lowo,
        _ => return Err("usage: eval [--errors WRITER | --lowo] [--set key=value]…".into()),
    };
    let (items, files) = labelled::load()?;
    let (held, _) = labelled::load_held_out()?;
    let engine = Engine::new()?;
    let mut out = String::new();
    let writers: BTreeMap<&str, usize> = items.iter().fold(BTreeMap::new(), |mut m, i| {
        *m.entry(i.writer()).or_insert(0) += 1;
        m
    });
    let _ = writeln!(
        out,
        "# Classification evaluation\n\n\
         Generated by `make eval` (`examples/eval.rs`) from {} labelled texts in {} files \
         (writers: {}). Writer `O` is the project's first set (`tests/eval/complaints.jsonl`); \
         every other writer wrote `data/complaints/<writer>/` independently of the others. \
         Writers `J` to `V` wrote under the pack's written scope of `emergency_other` (listed \
         under the ecommerce confusion table), to which the earlier writers' texts were relabelled; \
         `M` and `N`, then `P`, `Q` and `R` (`R` mostly in the register of posts on public \
         complaint sites), then `S` (complaint-site and hotline records) and `T` (short in-app, \
         chat and voice-transcribed messages) wrote after every choice of the trainer and its \
         settings was made: their rows are the cleanest unseen-writer figures. (Two choices \
         followed `S` and `T`: the trainer leaves out the texts their writer marked ambiguous, \
         chosen by leave-one-writer-out over all twenty writers, and the ecommerce rule for \
         safety incidents around a delivery names fires, falls and fights too.) `U` (complaints \
         as they reach a desk second-hand: agents' ticket summaries, regulator hotline forms, \
         social-media posts, letters) and `V` (phone typing: voice-to-text, bursts of chat \
         messages, slang and abbreviations) wrote after those two choices as well; nothing was \
         changed after their texts were read. `W` (buyers not at home with apps or formal \
         Chinese; Hong Kong and Taiwan usage) and `X` (precise, legalistic complainants and \
         professionals using the trade's jargon) are kept out of training altogether \
         (`data/heldout/`, their own table in each pack below); the police-flag terms added in \
         session 11 were chosen from the other writers' missed texts, none of theirs. `Y` \
         (non-native writers, machine-translated and e-mail complaints), `Z` (indirect, \
         sarcastic and story-telling complainants), `AA` (young social-app posters and parents), \
         `AB` (business users: shop owners, buyers, hedgers, introducing agents) and `AC` \
         (escalated complaints with their history), then `AD` (county-town and rural buyers and \
         sellers), `AE` (services bought online, where the categories blur) and `AF` (hurried, \
         badly written texts that name their own problem wrongly) wrote in session 12 under the same brief \
         (`data/WRITERS-BRIEF.md`); each was scored by the shipped model before joining (README, \
         “Classification”); the police- and threat-flag terms changed in session 12 were chosen \
         on the missed texts of `A`–`V`, `Y` and `Z`, four of them dropped after reading `AC`'s.\n\n\
         **Nothing here is a random split.** Every figure in the held-out tables is for texts \
         whose writer (or style) the model did not see: the category model is retrained for each \
         held-out group with the same trainer and options as `make train` (which leave out of training the texts their \
         writer marked ambiguous; every text is scored). The lexicon is the \
         pack's, unchanged between rows; “lexicon only” is the same pack without its model. \
         Severity and flags come from the pack's cue rules (no training).\n\n\
         Top-2 counts a text as right when its label is the category or the first runner-up. Flags \
         are right when the set of raised flags equals the labelled set.\n",
        items.len(),
        files.len(),
        writers.iter().map(|(w, n)| format!("{w} {n}")).collect::<Vec<_>>().join(", ")
    );
    for pack in PACKS {
        pack_report(&mut out, &engine, pack, (&items, &held), &mode, &opts)?;
    }
    if !matches!(mode, Mode::Report) {
        return Ok(());
    }
    std::fs::create_dir_all("docs")?;
    std::fs::write(REPORT, &out)?;
    print!("{out}");
    println!("Wrote {REPORT}.");
    Ok(())
}
