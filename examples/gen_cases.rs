//! Deterministic generator of realistic cases for the benchmark suite (issue 9).
//!
//! ```text
//! cargo run --release --example gen_cases -- --n 10000 --seed 42 > cases.jsonl
//! ```
//!
//! Each line is one case matching `pkg/case.schema.json`, valid for the `ecommerce` pack at
//! [`NOW`] unless problems were injected. About [`READY_PERCENT`] % of the cases are ready; the
//! rest carry 1–4 injected problems (bad ID / credit-code checksums, bad mobile or e-mail, money
//! with three decimals, a refund above the order amount (a warning), a missing field, times out of order, a
//! declaration not made, an unsupported attachment type…). Natural persons and companies (with a
//! legal representative), an agent now and then; facts of 20–800 characters built from the
//! pack's own classification lexicon and everyday complaint sentences; amounts in fen, written as
//! yuan strings. The PRNG is a hand-rolled SplitMix64, so the same seed gives the same file on
//! every machine. `tests/gen_cases.rs` includes this file and checks the verdicts against the
//! engine.

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};

use serde_json::{json, Value};

/// The evaluation time every generated case is valid at (the Makefile's `NOW`).
pub const NOW: &str = "2026-11-23T10:00:00+08:00";
/// Share of cases generated without problems, in percent.
pub const READY_PERCENT: u64 = 45;
/// Share of natural-person complainants, in percent (the rest are legal persons).
const NATURAL_PERCENT: u64 = 75;
/// Share of cases filed through an agent, in percent.
const AGENT_PERCENT: u64 = 8;

const CLASSIFY_PACK: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/packs/ecommerce/classify.json"));

/// SplitMix64: tiny, fast, and identical everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// True with probability `percent` %.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// An index into a non-empty collection of `len` items.
    pub fn index(&mut self, len: usize) -> usize {
        (self.next_u64() % len as u64) as usize
    }

    /// One element of a non-empty slice.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.index(items.len())]
    }
}

/// A problem the generator can put into a case, with the finding code and pointer the engine
/// must report for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Problem {
    /// Resident ID with a wrong check character (the natural person's, or the legal rep's).
    IdChecksum,
    /// Resident ID whose birth date lies after [`NOW`].
    IdFutureBirth,
    /// Credit code with a wrong check character (legal persons).
    UsccChecksum,
    /// Credit code containing a letter the alphabet never uses (legal persons).
    UsccLetter,
    /// Mobile number with a prefix no carrier uses.
    MobilePrefix,
    /// E-mail without an `@`.
    EmailNoAt,
    /// Claimed amount with three decimals.
    MoneyPrecision,
    /// Refund claimed above the order amount.
    RefundAboveOrder,
    /// Respondent's name left empty.
    RespondentMissing,
    /// The event dated after the submission.
    OccurredAfterSubmitted,
    /// A time written without a zone.
    TimeNoZone,
    /// Privacy consent not given.
    NoConsent,
    /// An attachment of a type the pack does not accept.
    MediaType,
}

impl Problem {
    /// Every problem kind.
    pub const ALL: [Problem; 13] = [
        Problem::IdChecksum,
        Problem::IdFutureBirth,
        Problem::UsccChecksum,
        Problem::UsccLetter,
        Problem::MobilePrefix,
        Problem::EmailNoAt,
        Problem::MoneyPrecision,
        Problem::RefundAboveOrder,
        Problem::RespondentMissing,
        Problem::OccurredAfterSubmitted,
        Problem::TimeNoZone,
        Problem::NoConsent,
        Problem::MediaType,
    ];

    /// The finding code the engine reports.
    pub fn code(self) -> &'static str {
        match self {
            Problem::IdChecksum => "id_number.checksum",
            Problem::IdFutureBirth => "id_number.birth_date",
            Problem::UsccChecksum => "uscc.checksum",
            Problem::UsccLetter => "uscc.format",
            Problem::MobilePrefix => "mobile.format",
            Problem::EmailNoAt => "email.format",
            Problem::MoneyPrecision => "money.precision",
            Problem::RefundAboveOrder => "amount.exceeds_cap",
            Problem::RespondentMissing => "field.required",
            Problem::OccurredAfterSubmitted => "time.order",
            Problem::TimeNoZone => "time.format",
            Problem::NoConsent => "declaration.required",
            Problem::MediaType => "evidence.media_type",
        }
    }

    /// Whether the engine reports it as an error (a refund above the order amount is only a
    /// warning, and a missing privacy consent is asked as a supplement: the case stays ready).
    pub fn blocks(self) -> bool {
        !matches!(self, Problem::RefundAboveOrder | Problem::NoConsent)
    }

    /// Whether the problem can be put into a case of this complainant kind.
    fn fits(self, legal: bool) -> bool {
        !matches!(self, Problem::UsccChecksum | Problem::UsccLetter) || legal
    }

    /// Problems that write the same field cannot be combined.
    fn clashes(self, other: Problem) -> bool {
        use Problem::*;
        let group = |p: Problem| match p {
            IdChecksum | IdFutureBirth => 1,
            UsccChecksum | UsccLetter => 2,
            MoneyPrecision | RefundAboveOrder => 3,
            OccurredAfterSubmitted | TimeNoZone => 4,
            _ => 10 + p as u8,
        };
        group(self) == group(other)
    }
}

/// One generated case and the problems put into it (none that [`Problem::blocks`]: it must be ready).
#[derive(Debug, Clone)]
pub struct Generated {
    /// The case document.
    pub case: Value,
    /// The problems injected, each reported by the engine as an error.
    pub problems: Vec<Problem>,
}

/// The lexicon: category id → terms of weight ≥ 3 (the unambiguous ones).
fn lexicon() -> BTreeMap<String, Vec<String>> {
    let doc: Value = serde_json::from_str(CLASSIFY_PACK).unwrap_or(Value::Null);
    let mut out = BTreeMap::new();
    if let Some(cats) = doc.pointer("/classify/categories").and_then(Value::as_object) {
        for (id, terms) in cats {
            let strong: Vec<String> = terms
                .as_object()
                .map(|t| {
                    t.iter()
                        .filter(|(k, w)| w.as_u64().unwrap_or(0) >= 3 && !k.is_ascii())
                        .map(|(k, _)| k.clone())
                        .collect()
                })
                .unwrap_or_default();
            if !strong.is_empty() {
                out.insert(id.clone(), strong);
            }
        }
    }
    out
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高", "欧阳", "司马",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "子涵", "欣怡", "浩然", "一诺", "雨桐",
];
const REGIONS: &[(&str, &str)] = &[
    ("110105", "北京市朝阳区"),
    ("110108", "北京市海淀区"),
    ("310104", "上海市徐汇区"),
    ("310115", "上海市浦东新区"),
    ("440305", "深圳市南山区"),
    ("440106", "广州市天河区"),
    ("330106", "杭州市西湖区"),
    ("510107", "成都市武侯区"),
    ("420106", "武汉市武昌区"),
    ("320102", "南京市玄武区"),
    ("610113", "西安市雁塔区"),
    ("500103", "重庆市渝中区"),
];
const ROADS: &[&str] = &[
    "建国路",
    "中山路",
    "人民路",
    "解放大道",
    "科技园南路",
    "文三路",
    "天府大道",
    "长江路",
    "南京西路",
    "珠江新城华夏路",
];
const MOBILE_PREFIXES: &[&str] = &[
    "133", "135", "136", "138", "139", "150", "152", "158", "166", "177", "180", "186", "189",
    "199",
];
const MAIL_DOMAINS: &[&str] =
    &["qq.com", "163.com", "126.com", "foxmail.com", "example.com", "sina.cn"];
const SHOPS: &[&str] = &[
    "数码旗舰店",
    "官方旗舰店",
    "家电专营店",
    "服饰专卖店",
    "母婴用品店",
    "生鲜超市",
    "美妆自营店",
    "家居生活馆",
    "图书音像店",
    "运动户外店",
];
const BRANDS: &[&str] =
    &["华辰", "优品", "极客", "云帆", "百川", "星河", "嘉禾", "锦程", "恒信", "新世纪"];
const PLATFORMS: &[&str] = &["某某商城", "某某优选", "某某到家", "某某拼购"];
const ORG_SUFFIX: &[&str] =
    &["科技有限公司", "贸易有限公司", "餐饮管理有限公司", "电子商务有限公司", "文化传媒有限公司"];
const PRODUCTS: &[&str] = &[
    "手机",
    "笔记本电脑",
    "冰箱",
    "空调",
    "羽绒服",
    "运动鞋",
    "婴儿奶粉",
    "面霜",
    "电动牙刷",
    "扫地机器人",
    "床垫",
    "电视机",
    "茶叶",
    "车厘子",
    "耳机",
    "台灯",
];
const OPENERS: &[&str] = &[
    "我于{date}在{shop}购买了{product}，",
    "{date}在贵平台下单买了一台{product}，",
    "本人在{shop}买的{product}，",
    "{date}通过手机下单购买{product}，订单已付款，",
    "我们公司在{shop}采购了一批{product}，",
];
const MIDDLES: &[&str] = &[
    "收到后发现有{term}的问题，",
    "结果遇到了{term}的情况，",
    "没想到出现{term}，",
    "使用了两天就出现{term}的情况，",
    "和商家沟通时对方承认存在{term}的问题，",
    "客服答复说{term}属于正常现象，",
];
const CLOSERS: &[&str] = &[
    "联系客服多次都没有解决。",
    "希望平台尽快处理。",
    "商家一直推脱，要求平台介入。",
    "已经等了一个多星期，请尽快给个说法。",
    "请求按规定处理并给予答复。",
    "我保留了聊天记录和照片。",
];
const FILLERS: &[&str] = &[
    "期间我多次在订单页面申请，页面一直显示处理中。",
    "客服让我再等等，之后就没有了下文。",
    "我已经按要求上传了照片和视频。",
    "这件事情给我的生活和工作带来了很大的不便。",
    "商家说需要厂家确认，厂家又说要找商家。",
    "我打了三次客服电话，每次都要重新说明情况。",
    "希望平台能够认真核实，保护消费者的合法权益。",
    "订单详情和付款记录都可以在账户里查到。",
];
const REQUEST_TEXT: &[(&str, &str)] = &[
    ("refund", "全额退款"),
    ("return", "退货退款"),
    ("exchange", "更换一件新的"),
    ("repair", "免费维修"),
    ("compensation", "赔偿损失"),
    ("apology", "书面道歉"),
    ("other", "给个说法"),
];
const EVIDENCE_KINDS: &[(&str, &str, &str)] = &[
    ("photo", "photo.jpg", "image/jpeg"),
    ("order_record", "order.png", "image/png"),
    ("payment_record", "payment.png", "image/png"),
    ("chat_record", "chat.webp", "image/webp"),
    ("logistics_record", "logistics.png", "image/png"),
    ("invoice", "invoice.pdf", "application/pdf"),
    ("video", "unboxing.mp4", "video/mp4"),
    ("inspection_report", "report.pdf", "application/pdf"),
];

/// The check character of a 17-digit resident-ID body (GB 11643).
pub fn resident_id_check(body: &str) -> char {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body.bytes().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    char::from(b"10X98765432"[(sum % 11) as usize])
}

const USCC_ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// The check character of a 17-character credit-code body (GB 32100).
pub fn uscc_check(body: &str) -> char {
    let mut weight = 1u32;
    let mut sum = 0u32;
    for b in body.bytes() {
        let v = USCC_ALPHABET.iter().position(|a| *a == b).unwrap_or(0) as u32;
        sum += v * weight;
        weight = weight * 3 % 31;
    }
    char::from(USCC_ALPHABET[((31 - sum % 31) % 31) as usize])
}

fn resident_id(rng: &mut Rng, year: u64) -> String {
    let (region, _) = rng.pick(REGIONS);
    let body = format!(
        "{region}{year:04}{:02}{:02}{:03}",
        rng.range(1, 12),
        rng.range(1, 28),
        rng.range(1, 999)
    );
    let check = resident_id_check(&body);
    format!("{body}{check}")
}

fn uscc(rng: &mut Rng) -> String {
    let (region, _) = rng.pick(REGIONS);
    let org: String = (0..9).map(|_| char::from(rng.pick(USCC_ALPHABET))).collect();
    let body = format!("91{region}{org}");
    let check = uscc_check(&body);
    format!("{body}{check}")
}

/// A different character of the same class, so the checksum no longer holds.
fn spoil_last(code: &str, alphabet: &[u8]) -> String {
    let last = code.as_bytes()[code.len() - 1];
    let pos = alphabet.iter().position(|a| *a == last).unwrap_or(0);
    let other = char::from(alphabet[(pos + 1) % alphabet.len()]);
    format!("{}{other}", &code[..code.len() - 1])
}

fn person_name(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN))
}

fn mobile(rng: &mut Rng) -> String {
    format!("{}{:08}", rng.pick(MOBILE_PREFIXES), rng.range(0, 99_999_999))
}

/// Yuan string of an amount in fen.
pub fn yuan(fen: u64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// An order amount in fen, log-uniform from 9.90 to about 50 000 yuan.
fn amount_fen(rng: &mut Rng) -> u64 {
    let decade = rng.range(3, 6);
    let base = 10u64.pow(decade as u32);
    let fen = base + rng.range(0, base * 9);
    // Prices end in .00, .90 or .99 most of the time.
    match rng.range(0, 3) {
        0 => fen / 100 * 100,
        1 => fen / 100 * 100 + 90,
        2 => fen / 100 * 100 + 99,
        _ => fen,
    }
}

/// `2026-MM-DDThh:mm:00+08:00` for a minute offset before [`NOW`] (2026-11-23 10:00).
fn time_before_now(minutes_before: u64) -> String {
    // Minutes since 2026-01-01T00:00 of NOW.
    const DAYS_BEFORE_MONTH: [u64; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let now = (DAYS_BEFORE_MONTH[10] + 22) * 1440 + 600;
    let t = now - minutes_before.min(now);
    let (day_of_year, minute) = (t / 1440, t % 1440);
    let month = DAYS_BEFORE_MONTH.iter().rposition(|d| *d <= day_of_year).unwrap_or(0);
    let day = day_of_year - DAYS_BEFORE_MONTH[month] + 1;
    format!("2026-{:02}-{day:02}T{:02}:{:02}:00+08:00", month + 1, minute / 60, minute % 60)
}

fn month_day(time: &str) -> String {
    let month: u32 = time[5..7].parse().unwrap_or(1);
    let day: u32 = time[8..10].parse().unwrap_or(1);
    format!("{month}月{day}日")
}

/// Facts of `target` characters (± one sentence) about `category`, ending in a full sentence.
fn facts(
    rng: &mut Rng,
    lexicon: &BTreeMap<String, Vec<String>>,
    category: &str,
    shop: &str,
    date: &str,
    target: usize,
) -> String {
    let terms = lexicon.get(category).map(Vec::as_slice).unwrap_or(&[]);
    let term = |rng: &mut Rng| {
        if terms.is_empty() {
            "有问题".to_string()
        } else {
            terms[rng.index(terms.len())].clone()
        }
    };
    let product = rng.pick(PRODUCTS);
    let fill = |s: &str, rng: &mut Rng| {
        s.replace("{date}", date)
            .replace("{shop}", shop)
            .replace("{product}", product)
            .replace("{term}", &term(rng))
    };
    let mut text = fill(rng.pick(OPENERS), rng);
    text.push_str(&fill(rng.pick(MIDDLES), rng));
    text.push_str(rng.pick(CLOSERS));
    while text.chars().count() < target {
        let next = if rng.chance(40) {
            fill(&format!("后来又{}", rng.pick(MIDDLES)), rng) + rng.pick(CLOSERS)
        } else {
            rng.pick(FILLERS).to_string()
        };
        text.push_str(&next);
    }
    if text.chars().count() > 800 {
        let cut: String = text.chars().take(799).collect();
        text = format!("{}。", cut.trim_end_matches(['，', '。']));
    }
    text
}

/// A text length: most forms are short, a few run long (20–800 characters).
fn facts_length(rng: &mut Rng) -> usize {
    match rng.range(0, 9) {
        0..=4 => rng.range(20, 80) as usize,
        5..=7 => rng.range(80, 250) as usize,
        _ => rng.range(250, 800) as usize,
    }
}

/// One ready case for the `ecommerce` pack at [`NOW`].
fn ready_case(
    rng: &mut Rng,
    lexicon: &BTreeMap<String, Vec<String>>,
    categories: &[String],
    legal: bool,
) -> Value {
    let name = person_name(rng);
    let (_, city) = rng.pick(REGIONS);
    let address = format!("{city}{}{}号", rng.pick(ROADS), rng.range(1, 999));
    let account = format!("user_{:06}", rng.range(0, 999_999));
    let email = format!("u{:06}@{}", rng.range(0, 999_999), rng.pick(MAIL_DOMAINS));
    let rep_year = rng.range(1955, 2000);
    let complainant = if legal {
        json!({
            "kind": "legal", "name": name, "mobile": mobile(rng), "email": email, "address": address, "account": account,
            "org_name": format!("{}{}{}", &city[..6], rng.pick(BRANDS), rng.pick(ORG_SUFFIX)),
            "uscc": uscc(rng), "legal_rep_name": person_name(rng), "legal_rep_id": resident_id(rng, rep_year)
        })
    } else {
        let year = rng.range(1950, 2006);
        let mut c = json!({"kind": "natural", "name": name, "id_number": resident_id(rng, year), "mobile": mobile(rng), "address": address, "account": account});
        if rng.chance(60) {
            c["email"] = json!(email);
        }
        c
    };
    let shop = format!("{}{}", rng.pick(BRANDS), rng.pick(SHOPS));
    let respondent = if rng.chance(85) {
        json!({"kind": "merchant", "name": shop, "shop": shop})
    } else {
        json!({"kind": "platform", "name": rng.pick(PLATFORMS)})
    };
    let fen = amount_fen(rng);
    // Paid 3–60 days ago, delivered 1–5 days later, the problem a little after, submitted since.
    let paid_min = rng.range(3 * 1440, 60 * 1440);
    let delivered_min = paid_min - rng.range(1440, 5 * 1440).min(paid_min - 2 * 1440);
    let occurred_min = delivered_min - rng.range(30, 1440).min(delivered_min / 2);
    let submitted_min = rng.range(10, occurred_min - 1);
    let paid_at = time_before_now(paid_min);
    let category = categories[rng.index(categories.len())].clone();
    let target = facts_length(rng);
    let facts = facts(rng, lexicon, &category, &shop, &month_day(&paid_at), target);
    let (request_type, request_text) = rng.pick(REQUEST_TEXT);
    let mut request = json!({"type": request_type, "text": request_text});
    if matches!(request_type, "refund" | "return" | "compensation") {
        let claimed = if rng.chance(70) { fen } else { fen * rng.range(10, 90) / 100 };
        request["amount"] = json!(yuan(claimed));
    }
    let n_evidence = rng.range(1, 4) as usize;
    let evidence: Vec<Value> = (0..n_evidence)
        .map(|i| {
            let (kind, file, media) = rng.pick(EVIDENCE_KINDS);
            json!({"kind": kind, "name": format!("{i}_{file}"), "size": rng.range(20_000, 8_000_000), "media_type": media})
        })
        .collect();
    let mut case = json!({
        "complainant": complainant,
        "agent": null,
        "respondent": respondent,
        "order": {"id": format!("E2026{:08}", rng.range(0, 99_999_999)), "amount": yuan(fen), "paid_at": paid_at, "delivered_at": time_before_now(delivered_min)},
        "facts": facts,
        "request": request,
        "evidence": evidence,
        "occurred_at": time_before_now(occurred_min),
        "submitted_at": time_before_now(submitted_min),
        "channel": rng.pick(&["web", "mini_program", "web", "mini_program", "phone", "email"]),
        "declarations": {"truthful": true, "privacy_consent": true}
    });
    if rng.chance(AGENT_PERCENT) {
        let year = rng.range(1960, 2000);
        case["agent"] = json!({"name": person_name(rng), "id_number": resident_id(rng, year), "mobile": mobile(rng)});
        if let Some(ev) = case["evidence"].as_array_mut() {
            ev.push(json!({"kind": "power_of_attorney", "name": "poa.pdf", "size": 150_000, "media_type": "application/pdf"}));
            ev.push(json!({"kind": "agent_id_copy", "name": "agent_id.jpg", "size": 300_000, "media_type": "image/jpeg"}));
        }
    }
    case
}

/// Puts `problem` into a ready case.
fn inject(rng: &mut Rng, case: &mut Value, problem: Problem) {
    let legal = case["complainant"]["kind"] == "legal";
    let id_field = if legal { "legal_rep_id" } else { "id_number" };
    match problem {
        Problem::IdChecksum => {
            let id = case["complainant"][id_field].as_str().unwrap_or_default().to_string();
            case["complainant"][id_field] = json!(spoil_last(&id, b"0123456789X"));
        }
        Problem::IdFutureBirth => {
            let body = format!(
                "1101052027{:02}{:02}{:03}",
                rng.range(1, 12),
                rng.range(1, 28),
                rng.range(1, 999)
            );
            case["complainant"][id_field] = json!(format!("{body}{}", resident_id_check(&body)));
        }
        Problem::UsccChecksum => {
            let code = case["complainant"]["uscc"].as_str().unwrap_or_default().to_string();
            case["complainant"]["uscc"] = json!(spoil_last(&code, USCC_ALPHABET));
        }
        Problem::UsccLetter => {
            let code = case["complainant"]["uscc"].as_str().unwrap_or_default().to_string();
            case["complainant"]["uscc"] = json!(format!(
                "{}{}{}",
                &code[..10],
                rng.pick(&["I", "O", "Z", "S", "V"]),
                &code[11..]
            ));
        }
        Problem::MobilePrefix => {
            case["complainant"]["mobile"] = json!(format!("12{:09}", rng.range(0, 999_999_999)));
        }
        Problem::EmailNoAt => {
            case["complainant"]["email"] = json!(format!("u{:06}.qq.com", rng.range(0, 999_999)));
        }
        Problem::MoneyPrecision => {
            case["request"]["type"] = json!("compensation");
            case["request"]["amount"] =
                json!(format!("{}.{:03}", rng.range(1, 500), rng.range(1, 999) | 1));
        }
        Problem::RefundAboveOrder => {
            let order = case["order"]["amount"]
                .as_str()
                .unwrap_or("0")
                .replace('.', "")
                .parse::<u64>()
                .unwrap_or(0);
            case["request"]["type"] = json!("refund");
            case["request"]["amount"] = json!(yuan(order + rng.range(1, 100_000)));
        }
        Problem::RespondentMissing => {
            case["respondent"]["name"] = json!("");
        }
        Problem::OccurredAfterSubmitted => {
            case["occurred_at"] = json!(time_before_now(rng.range(10, 1400)));
            case["submitted_at"] = json!(time_before_now(rng.range(1500, 2000)));
            case["order"]["delivered_at"] = json!(null);
            case["order"]["paid_at"] = json!(time_before_now(2100));
        }
        Problem::TimeNoZone => {
            let at = case["occurred_at"].as_str().unwrap_or_default().to_string();
            case["occurred_at"] = json!(format!("{} {}", &at[..10], &at[11..16]));
        }
        Problem::NoConsent => {
            case["declarations"]["privacy_consent"] = json!(false);
        }
        Problem::MediaType => {
            if let Some(ev) = case["evidence"].as_array_mut() {
                ev.push(json!({"kind": "other", "name": "setup.exe", "size": 40_000, "media_type": "application/x-msdownload"}));
            }
        }
    }
}

/// An endless, deterministic stream of cases.
pub struct Generator {
    rng: Rng,
    lexicon: BTreeMap<String, Vec<String>>,
    categories: Vec<String>,
}

impl Generator {
    /// The stream for `seed`.
    pub fn new(seed: u64) -> Generator {
        let lexicon = lexicon();
        let categories = lexicon.keys().cloned().collect();
        Generator { rng: Rng::new(seed), lexicon, categories }
    }
}

impl Iterator for Generator {
    type Item = Generated;

    fn next(&mut self) -> Option<Generated> {
        let rng = &mut self.rng;
        let legal = !rng.chance(NATURAL_PERCENT);
        let mut case = ready_case(rng, &self.lexicon, &self.categories, legal);
        let mut problems: Vec<Problem> = Vec::new();
        if !rng.chance(READY_PERCENT) {
            let want = rng.range(1, 4) as usize;
            while problems.len() < want {
                let p = rng.pick(&Problem::ALL);
                if p.fits(legal) && !problems.iter().any(|q| q.clashes(p)) {
                    problems.push(p);
                }
            }
            problems.sort();
            for p in &problems {
                inject(rng, &mut case, *p);
            }
        }
        Some(Generated { case, problems })
    }
}

fn arg(args: &[String], name: &str, default: u64) -> Result<u64, String> {
    match args.iter().position(|a| a == name) {
        None => Ok(default),
        Some(i) => args
            .get(i + 1)
            .and_then(|v| v.parse().ok())
            .ok_or(format!("{name} needs a whole number")),
    }
}

#[cfg_attr(test, allow(dead_code))]
fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n = arg(&args, "--n", 10_000)? as usize;
    let seed = arg(&args, "--seed", 42)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    for g in Generator::new(seed).take(n) {
        serde_json::to_writer(&mut out, &g.case).map_err(|e| e.to_string())?;
        out.write_all(b"\n").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())
}
