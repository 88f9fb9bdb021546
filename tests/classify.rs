//! Classification: negation, spans in UTF-16 and scalar offsets, amount parsing, every severity
//! reason and flag, overrides, limits, and the CLI contract.

use std::io::Write;
use std::process::{Command, Stdio};

use complaint_rules::classify::{ClassifyInput, Level, SetBy, Structured};
use complaint_rules::engine::{Engine, Options};
use complaint_rules::error::EngineError;

fn engine() -> Engine {
    Engine::new().unwrap()
}

fn run(pack: &str, text: &str) -> complaint_rules::classify::Classification {
    engine()
        .classify(
            &ClassifyInput::text(text),
            &Options { pack: Some(pack.into()), ..Options::default() },
        )
        .unwrap()
}

fn ecom(text: &str) -> complaint_rules::classify::Classification {
    run("ecommerce", text)
}

fn reasons(c: &complaint_rules::classify::Classification) -> Vec<&str> {
    c.severity.reasons.iter().map(|r| r.code.as_str()).collect()
}

fn flags(c: &complaint_rules::classify::Classification) -> Vec<&str> {
    c.flags.iter().map(|f| f.id.as_str()).collect()
}

#[test]
fn negated_term_does_not_count() {
    let c = ecom("不是质量问题，是物流太慢，快递一周都没到");
    assert_eq!(c.category.id, "delivery_logistics");
    assert!(c.runners_up.iter().all(|r| r.id != "product_quality"), "{:?}", c.runners_up);
    // Without the negation the quality term counts.
    let plain = ecom("质量问题，物流也慢");
    assert!(
        plain.category.id == "product_quality"
            || plain.runners_up.iter().any(|r| r.id == "product_quality")
    );
}

#[test]
fn negation_scope_ends_at_punctuation() {
    // 不是 before a comma does not reach the term after it.
    let c = ecom("我不是来找茬的，衣服有严重的质量问题，开线还掉色");
    assert_eq!(c.category.id, "product_quality");
}

#[test]
fn negation_after_the_term() {
    let c = ecom("质量没问题，就是快递太慢了，等了十天");
    assert_eq!(c.category.id, "delivery_logistics");
    assert!(c.runners_up.iter().all(|r| r.id != "product_quality"));
}

#[test]
fn negated_top_category_terms_are_reported() {
    let c = ecom("不是物流的问题，快递很快，是收到的杯子裂了，质量太差");
    assert_eq!(c.category.id, "product_quality");
    let dl = ecom("不存在物流问题");
    assert!(dl.category.matches.is_empty());
}

fn utf16_slice(text: &str, start: usize, end: usize) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start..end]).unwrap()
}

#[test]
fn spans_are_utf16_and_scalar_offsets() {
    // 😀 (U+1F600) and 𠀀 (U+20000, CJK extension B) take two UTF-16 units each.
    let text = "😀𠀀我要退款";
    let c = ecom(text);
    assert_eq!(c.category.id, "refund_after_sales");
    let m = &c.category.matches[0];
    assert_eq!(m.term, "退款");
    assert_eq!((m.span.start, m.span.end), (6, 8));
    assert_eq!((m.span.start_char, m.span.end_char), (4, 6));
    assert_eq!(utf16_slice(text, m.span.start, m.span.end), "退款");
    let chars: String =
        text.chars().skip(m.span.start_char).take(m.span.end_char - m.span.start_char).collect();
    assert_eq!(chars, "退款");
}

#[test]
fn spans_point_into_the_original_text_after_normalisation() {
    // Full-width and traditional characters are folded for matching; spans still index the original.
    let text = "🙂ＡＰＰ閃退，質量問題";
    let c = ecom(text);
    for m in
        c.category.matches.iter().chain(c.runners_up.iter().flat_map(|_| c.category.negated.iter()))
    {
        let original = utf16_slice(text, m.span.start, m.span.end);
        assert_eq!(original.chars().count(), m.term.chars().count(), "{original} vs {}", m.term);
    }
    assert!(c
        .category
        .matches
        .iter()
        .any(|m| utf16_slice(text, m.span.start, m.span.end) == "閃退"));
}

fn fen(text: &str) -> Vec<u64> {
    ecom(text).amounts.iter().map(|a| a.fen).collect()
}

#[test]
fn amounts_in_every_notation() {
    assert_eq!(fen("花了3999元"), vec![399_900]);
    assert_eq!(fen("花了３９９９元"), vec![399_900], "full-width digits");
    assert_eq!(fen("损失1.2万"), vec![1_200_000]);
    assert_eq!(fen("一千五百元"), vec![150_000]);
    assert_eq!(fen("一千五块"), vec![150_000]);
    assert_eq!(fen("两万三千元"), vec![2_300_000]);
    assert_eq!(fen("一千零五元"), vec![100_500]);
    assert_eq!(fen("壹仟贰佰元"), vec![120_000]);
    assert_eq!(fen("实付1,299.00元"), vec![129_900]);
    assert_eq!(fen("价格，1,299.00元"), vec![129_900]);
    assert_eq!(fen("¥58.5"), vec![5_850]);
    assert_eq!(fen("３千元"), vec![300_000]);
    assert_eq!(fen("十五元"), vec![1_500]);
}

#[test]
fn a_bare_number_with_a_scale_is_money_where_the_clause_says_so() {
    assert_eq!(fen("半个月亏了两万"), vec![2_000_000]);
    assert_eq!(fen("前前后后往里头投了八万多"), vec![8_000_000]);
    assert_eq!(fen("margin call直接liquidate，亏了15k"), vec![1_500_000]);
    assert_eq!(fen("三個月虧掉四十萬"), vec![40_000_000], "traditional characters");
    assert_eq!(fen("损失约新台币十五万"), vec![15_000_000]);
    assert_eq!(fen("收了交割违约金一万三千多，"), vec![1_300_000]);
    // A bare number that is not money: no money word in its clause, or no scale.
    assert!(fen("充电宝标着一万毫安").is_empty());
    assert!(fen("传单上写着一万变十万").is_empty());
    assert!(fen("亏了不少，手底下两百来号客户").is_empty());
    assert!(fen("我亏了，两万人都看到了").is_empty(), "the money word is in another clause");
    assert!(fen("亏了三").is_empty(), "no scale");
}

#[test]
fn amounts_keep_their_original_text_and_span() {
    let text = "😀付了１，２９９.００元";
    let c = ecom(text);
    let a = &c.amounts[0];
    assert_eq!(a.fen, 129_900);
    assert_eq!(a.text, "１，２９９.００元");
    assert_eq!(utf16_slice(text, a.span.start, a.span.end), a.text);
}

#[test]
fn things_that_are_not_amounts() {
    assert!(fen("订单号20240101123456，手机13800138000").is_empty());
    assert!(fen("买了一块手表").is_empty(), "块 as a measure word");
    assert!(fen("千万别买").is_empty());
    assert!(fen("iphone15坏了").is_empty());
    assert!(fen("1.234元").is_empty(), "fractions of a fen are not money");
}

#[test]
fn amount_overflow_is_skipped_not_a_panic() {
    assert!(fen("99999999999999999999999999999999999999999元").is_empty());
    assert!(fen("九千九百亿亿亿亿亿亿亿亿亿亿亿亿亿亿元").is_empty());
    assert_eq!(
        fen("184467440737095516元"),
        vec![18_446_744_073_709_551_600],
        "the largest that fits"
    );
    assert!(fen("184467440737095517元").is_empty());
}

#[test]
fn severity_amount_threshold_ecommerce() {
    let c = ecom("手机坏了，花了12000元");
    assert_eq!(c.severity.level, Level::Major);
    assert_eq!(reasons(&c), vec!["amount_threshold"]);
    assert_eq!(c.severity.reasons[0].clause, "PACK-SEVERITY-AMOUNT");
    assert_eq!(c.severity.reasons[0].matches[0].term, "12000元");
    assert_eq!(ecom("手机坏了，花了9999元").severity.level, Level::General);
    assert_eq!(ecom("损失一万元").severity.level, Level::Major, "exactly the threshold");
}

#[test]
fn severity_amount_from_structured_field() {
    let input = ClassifyInput {
        text: "手机坏了".into(),
        structured: Structured { amount: Some("10000.00".into()), ..Structured::default() },
        ..ClassifyInput::default()
    };
    let c = engine().classify(&input, &Options::default()).unwrap();
    assert_eq!(reasons(&c), vec!["amount_threshold"]);
    assert!(c.severity.reasons[0].matches.is_empty());
    let bad = ClassifyInput {
        structured: Structured { amount: Some("-5".into()), ..Structured::default() },
        ..ClassifyInput::text("x")
    };
    assert!(matches!(engine().classify(&bad, &Options::default()), Err(EngineError::Shape { .. })));
}

#[test]
fn severity_amount_threshold_trading_member_is_the_pack_choice() {
    // One threshold in both packs: ¥10 000, the reading of S003 第四条 that restores only the
    // lost "一", labelled as the pack's choice.
    assert_eq!(run("trading-member", "出金9999元一直不到账").severity.level, Level::General);
    let c = run("trading-member", "出金1万元一直不到账");
    assert_eq!(reasons(&c), vec!["amount_threshold"]);
    let engine = engine();
    for id in ["ecommerce", "trading-member"] {
        let pack = engine.pack(Some(id), chrono::NaiveDate::MAX).unwrap();
        let amount = &pack.classify.as_ref().unwrap().severity.amount;
        assert_eq!(amount.threshold_yuan, 10000, "{id}");
        let clause = &pack.clauses[&amount.clause];
        assert!(clause.pack_choice && clause.source.starts_with("本包规则"), "{id}: {clause:?}");
    }
}

#[test]
fn severity_cue_reasons() {
    // The ecommerce pack's major criteria are its own policy (safety or injury, group
    // complaints, litigation); S003's cues stay in the trading-member pack.
    for (pack, text, code) in [
        ("ecommerce", "充电宝起火爆炸，家里着火了", "safety_injury"),
        ("ecommerce", "我们有个维权群，集体投诉这家店", "group_complaint"),
        ("ecommerce", "不退款我就去法院起诉", "litigation"),
        ("trading-member", "客户经理涉嫌诈骗，骗了我的钱", "illegal_conduct"),
        ("trading-member", "这件事你们总经理也知道", "key_personnel"),
        ("trading-member", "再不处理我就找媒体曝光", "bad_nature_media"),
        ("trading-member", "交易系统大面积瘫痪", "major_emergency"),
    ] {
        let c = run(pack, text);
        assert_eq!(c.severity.level, Level::Major, "{text}");
        assert!(reasons(&c).contains(&code), "{text}: {:?}", reasons(&c));
        let r = c.severity.reasons.iter().find(|r| r.code == code).unwrap();
        assert!(!r.matches.is_empty());
    }
    assert_eq!(ecom("衣服尺码偏小，想换货").severity.level, Level::General);
    assert_eq!(
        ecom("笔记本电脑屏幕出现大面积坏点").severity.level,
        Level::General,
        "S003's 重大突发事件 cue 大面积 is not an ecommerce criterion"
    );
    for id in ["ecommerce"] {
        let pack = engine().pack(Some(id), chrono::NaiveDate::MAX).unwrap();
        let policy = pack.classify.as_ref().unwrap();
        for c in policy
            .severity
            .reasons
            .iter()
            .map(|r| &r.clause)
            .chain(policy.flags.iter().map(|f| &f.clause))
        {
            assert!(!pack.clauses[c].source.starts_with("S003"), "{id}: {c} borrows S003");
        }
    }
    assert_eq!(
        run("trading-member", "这个并不是违法的事情，只是想咨询").severity.level,
        Level::General,
        "negated cue"
    );
}

#[test]
fn every_reason_flag_and_principle_cites_a_known_clause() {
    let engine = engine();
    for (id, _, _) in engine.packs() {
        let pack = engine.pack(Some(&id), chrono::NaiveDate::MAX).unwrap();
        let policy = pack.classify.as_ref().expect("every embedded pack classifies");
        let mut clauses = vec![policy.severity.amount.clause.clone()];
        clauses.extend(policy.severity.reasons.iter().map(|r| r.clause.clone()));
        clauses.extend(policy.flags.iter().map(|f| f.clause.clone()));
        clauses.extend(policy.principles.values().flat_map(|p| p.clauses.clone()));
        for c in clauses {
            assert!(pack.clauses.contains_key(&c), "{id}: {c}");
        }
        assert!(pack.clauses.get(&policy.severity.amount.clause).unwrap().pack_choice);
        for class in &pack.taxonomy.cause_classes {
            assert!(policy.principles.contains_key(&class.id), "{id}: {}", class.id);
        }
    }
}

#[test]
fn flags_litigation_and_police() {
    assert_eq!(flags(&ecom("不给退款我就去法院起诉你们")), vec!["litigation_risk"]);
    assert_eq!(flags(&ecom("已经收到律师函了")), vec!["litigation_risk"]);
    assert_eq!(flags(&ecom("我的银行卡被盗刷了三千元")), vec!["police"]);
    assert_eq!(flags(&ecom("账号被盗了，余额全被转走")), vec!["police"]);
    assert!(flags(&ecom("账号被盗了，改了我的昵称")).is_empty(), "hacked without money lost");
    // Threats and an out-of-control scene are their own flag, apart from stolen funds.
    assert_eq!(flags(&ecom("他扬言要带人来店里闹事")), vec!["threat"]);
    assert_eq!(flags(&run("trading-member", "客户在营业部场面失控")), vec!["threat"]);
    assert_eq!(flags(&run("trading-member", "我的账户资金被盗取了")), vec!["police"]);
    assert!(flags(&ecom("还没有报警，先找客服")).is_empty(), "negated cue");
    let c = ecom("盗刷了我的卡，我要起诉");
    assert_eq!(flags(&c), vec!["litigation_risk", "police"]);
    assert!(c.flags.iter().all(|f| !f.matches.is_empty() && !f.action.zh.is_empty()));
}

#[test]
fn cause_class_and_principle() {
    let c = ecom("系统崩溃了，一直白屏，付不了款");
    assert_eq!(c.cause_class.id, "objective");
    let c = ecom("是我自己不小心拍错了型号，想换一个");
    assert_eq!(c.cause_class.id, "customer_side");
    assert!(c.cause_class.principle.as_ref().unwrap().text.zh.contains("解释"));
    let c = ecom("商家发错货了，是他们的失误");
    assert_eq!(c.cause_class.id, "company_fault");
    assert!(c
        .cause_class
        .principle
        .as_ref()
        .unwrap()
        .clauses
        .contains(&"S000-2-COMPANY".to_string()));
}

#[test]
fn structured_request_type_tips_a_vague_text() {
    let text = "东西不想要了";
    let with = ClassifyInput {
        structured: Structured {
            request_type: Some(complaint_rules::case::RequestType::Return),
            ..Structured::default()
        },
        ..ClassifyInput::text(text)
    };
    let c = engine().classify(&with, &Options::default()).unwrap();
    assert_eq!(c.category.id, "refund_after_sales");
}

#[test]
fn no_term_gives_the_default_with_zero_confidence() {
    let c = ecom("你好");
    assert_eq!(c.category.id, "emergency_other");
    assert_eq!(c.category.confidence, 0.0);
    assert!(c.runners_up.is_empty());
    assert_eq!(c.cause_class.id, "other");
    assert_eq!(c.severity.level, Level::General);
}

#[test]
fn overrides_keep_the_suggestion_beside() {
    let input: ClassifyInput = serde_json::from_str(
        r#"{"text":"快递一直没到","overrides":{"category":{"id":"refund_after_sales","by":"staff"},
            "cause_class":{"id":"customer_side","by":"user"},"severity":{"level":"major","by":"staff"}}}"#,
    )
    .unwrap();
    let c = engine().classify(&input, &Options::default()).unwrap();
    assert_eq!(c.category.id, "refund_after_sales");
    assert_eq!(c.category.set_by, Some(SetBy::Staff));
    assert_eq!(c.category.suggested.as_ref().unwrap().id, "delivery_logistics");
    assert_eq!(c.cause_class.set_by, Some(SetBy::User));
    assert!(c.cause_class.principle.as_ref().unwrap().text.zh.contains("解释"));
    assert_eq!(c.severity.level, Level::Major);
    assert_eq!(c.severity.suggested.as_ref().unwrap().level, Level::General);
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["category"]["set_by"], "staff");
    assert_eq!(json["category"]["suggested"]["id"], "delivery_logistics");
    let bad: ClassifyInput =
        serde_json::from_str(r#"{"text":"x","overrides":{"category":{"id":"nope","by":"staff"}}}"#)
            .unwrap();
    assert!(matches!(engine().classify(&bad, &Options::default()), Err(EngineError::Shape { .. })));
}

#[test]
fn long_repetitive_text_is_bounded() {
    let text = "退款".repeat(10_000) + &"质量问题，".repeat(50_000);
    assert!(text.len() < 1_048_576);
    let c = ecom(&text);
    assert!(c.category.matches.len() <= 3, "occurrences per term are capped");
    let too_big = "啊".repeat(400_000);
    let e = engine().classify(&ClassifyInput::text(too_big), &Options::default());
    assert!(matches!(e, Err(EngineError::TooLarge { .. })));
    let many = "1元，".repeat(20_000);
    assert_eq!(ecom(&many).amounts.len(), 50, "amounts reported are capped");
}

#[test]
fn deterministic() {
    let text = "客服态度很差，还多扣了我200元运费，我要投诉到12315";
    assert_eq!(ecom(text), ecom(text));
}

#[test]
fn json_output_shape() {
    let v = serde_json::to_value(ecom("😀手机屏幕碎了，花了2999元")).unwrap();
    for key in ["category", "runners_up", "cause_class", "severity", "flags", "amounts"] {
        assert!(v.get(key).is_some(), "{key}");
    }
    let m = &v["category"]["matches"][0];
    for key in ["term", "start", "end", "start_char", "end_char"] {
        assert!(m.get(key).is_some(), "{key}");
    }
    assert!(v["cause_class"]["principle"]["clauses"].is_array());
    assert_eq!(v["severity"]["level"], "general");
    assert_eq!(v["amounts"][0]["fen"], 299_900);
    assert_eq!(v["amounts"][0]["start"], 11);
}

#[test]
fn cli_classify_json_lines() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_complaint-rules"))
        .args(["classify", "--pack", "ecommerce"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("{\"id\":\"a\",\"text\":\"快递丢件了\"}\nnot json\n{\"id\":7,\"text\":\"退款\",\"request_type\":\"refund\"}\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["category"]["id"], "delivery_logistics");
    assert_eq!(lines[1]["status"], "invalid");
    assert_eq!(lines[2]["id"], 7);
    assert_eq!(lines[2]["category"]["id"], "refund_after_sales");
}
