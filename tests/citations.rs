//! The citation walk: every clause a pack cites — for a finding, a route, a checklist line, a
//! right, a flag, a severity reason, a time limit — must say what the rule says (its text holds
//! the obligation's key phrase), a pack choice must say it is the pack's policy, and every clause
//! behind what a preview actually shows must be in force on the case's day.

mod support;

use std::collections::BTreeMap;

use complaint_rules::engine::{parse_time, Engine, Options, View};
use complaint_rules::pack::embedded;
use serde_json::{json, Value};

/// The key phrase each citing rule's clause must contain, by pack and role (`*` for both packs).
/// A citation whose role is not listed fails: a new citation needs its key phrase here.
const KEYS: &[(&str, &str, &str)] = &[
    ("*", "formats", ""),
    ("*", "lengths", "长度"),
    ("*", "chronology", "不得晚于"),
    ("*", "/limits/clause", "上限"),
    ("*", "/evidence/clause", "附件"),
    ("*", "/amounts/0/clause", "金额"),
    ("*", "/deadlines/calendar/clause", "工作日"),
    ("*", "/classify/severity/amount/clause", "10000 元即视为重大投诉"),
    ("*", "/supplement/clause", "补充"),
    ("*", "cause_class", "四大类"),
    ("*", "flag:litigation_risk", "诉讼风险"),
    ("*", "principle:company_fault", ""),
    ("*", "principle:customer_side", ""),
    ("*", "principle:objective", ""),
    ("*", "principle:other", ""),
    ("*", "rule_change:notice", "至少在实施前七日予以公示"),
    ("*", "rule_change:major_notice", "至少在实施前十五日予以公示"),
    ("*", "rule_change:consultation", "公开征求意见"),
    ("*", "rule_change:comments", "不少于三年"),
    ("*", "rule_change:transition", "合理的过渡期"),
    ("*", "rule_change:history", "三年的全部历史版本"),
    ("*", "rule_change:exit", "不得以设置不合理条件等方式阻止"),
    ("*", "rule_change:refund", "据实退还费用"),
    ("*", "check:handler.marketing", "营销人员不"),
    ("*", "check:handler.not_recused", "回避"),
    ("ecommerce", "check:appeal.reviewer_not_independent", "高于原处理部门层级或独立"),
    ("trading-member", "check:appeal.reviewer_not_independent", "第三方"),
    // ecommerce: S002 二(一)2 registration items block; everything else is a supplement.
    ("ecommerce", "required:/complainant/name", "投诉人基本信息"),
    ("ecommerce", "required:/complainant/mobile", "联系方式"),
    ("ecommerce", "required:/respondent/name", "投诉对象"),
    ("ecommerce", "required:/facts", "投诉事由"),
    ("ecommerce", "required:/request/type", "投诉请求"),
    ("ecommerce", "required:/complainant/kind", "需补充的内容及合理期限"),
    ("ecommerce", "required:/complainant/org_name", "需补充的内容及合理期限"),
    ("ecommerce", "required:/complainant/uscc", "需补充的内容及合理期限"),
    ("ecommerce", "required:/occurred_at", "需补充的内容及合理期限"),
    ("ecommerce", "required:/submitted_at", "需补充的内容及合理期限"),
    ("ecommerce", "material:evidence", "需补充的内容及合理期限"),
    ("ecommerce", "required:/agent/name", "代理人姓名"),
    ("ecommerce", "material:power_of_attorney", "授权委托书"),
    ("ecommerce", "declaration:/declarations/truthful", "所述事实真实"),
    ("ecommerce", "declaration:/declarations/privacy_consent", "经消费者同意"),
    ("ecommerce", "category", "分类"),
    ("ecommerce", "/preview/burden/platform_duty", "应当提供原始合同和交易记录"),
    ("ecommerce", "/preview/burden/anti_abuse", "防范和处置"),
    ("ecommerce", "/preview/burden/reversed/clause", "六个月内发现瑕疵"),
    ("ecommerce", "/preview/routing/at_threshold_clause", "恰为1000元"),
    ("ecommerce", "evidence:order", "证据清单"),
    ("ecommerce", "evidence:payment", "证据清单"),
    ("ecommerce", "evidence:inspection", "证据清单"),
    ("ecommerce", "evidence:logistics", "证据清单"),
    ("ecommerce", "evidence:chat", "证据清单"),
    ("ecommerce", "evidence:ad", "证据清单"),
    ("ecommerce", "evidence:licence", "证据清单"),
    ("ecommerce", "evidence:defect", "照片或视频初步证明"),
    ("ecommerce", "flag:police", "向公安机关报案"),
    ("ecommerce", "flag:threat", "扬言闹事"),
    ("ecommerce", "severity:safety_injury", "人身安全或伤害"),
    ("ecommerce", "severity:group_complaint", "群体投诉"),
    ("ecommerce", "severity:litigation", "诉讼"),
    ("ecommerce", "route:amount_below", "不足1000元的，由部门领导审批"),
    ("ecommerce", "route:amount_above", "超过1000元的，经公司总经理审批"),
    ("ecommerce", "route:legal_question", "涉及法律问题"),
    ("ecommerce", "route:litigation", "被诉"),
    ("ecommerce", "route:major", "重大投诉"),
    ("ecommerce", "route:follow_up", "回访"),
    ("ecommerce", "check:appeal.no_channel", "便捷的申诉渠道"),
    ("ecommerce", "check:appeal.no_reasons", "事实、理由和依据"),
    ("ecommerce", "check:appeal.ai_only", "人工判定"),
    ("ecommerce", "check:appeal.window_short", "申诉"),
    ("ecommerce", "check:appeal.fee", "收取费用"),
    ("ecommerce", "check:appeal.waiver", "投诉、举报、请求调解、申请仲裁、提起诉讼"),
    ("ecommerce", "check:settlement.forced", "不得强制或诱导客户接受"),
    ("ecommerce", "check:penalty.excessive", "违约金、损害赔偿金"),
    ("ecommerce", "check:handler.untrained", "培训"),
    ("ecommerce", "check:rights.external_remedies", "调解"),
    ("ecommerce", "right:appeal", "复核"),
    ("ecommerce", "right:human_review", "人工判定"),
    ("ecommerce", "right:no_restriction", "投诉、举报、请求调解、申请仲裁、提起诉讼"),
    ("ecommerce", "right:consent", "不得强制或诱导"),
    ("ecommerce", "right:external", "向人民法院提起诉讼"),
    ("ecommerce", "limit:acknowledge", "24小时内"),
    ("ecommerce", "limit:accept", "一个工作日内"),
    ("ecommerce", "limit:resolve", "处理时限"),
    ("ecommerce", "/deadlines/extension/clause", "延长"),
    ("ecommerce", "limit:review_window", "复核申请"),
    ("ecommerce", "limit:archive", "不少于三年"),
    ("ecommerce", "limit:regulator_accept", "七个工作日内"),
    ("ecommerce", "limit:regulator_mediation", "四十五个工作日"),
    ("ecommerce", "limit:administrative_handling", "七个工作日内"),
    // trading-member: S003's written, real-name materials block; no agent filing.
    ("trading-member", "required:/complainant/kind", "投诉人"),
    ("trading-member", "required:/complainant/name", "实名"),
    ("trading-member", "required:/complainant/id_number", "身份证复印件"),
    ("trading-member", "required:/complainant/mobile", "投诉人手机号码"),
    ("trading-member", "required:/complainant/address", "投诉人联系地址"),
    ("trading-member", "required:/complainant/email", "投诉人常用电子邮箱"),
    ("trading-member", "required:/complainant/account", "投诉人交易账号"),
    ("trading-member", "required:/complainant/org_name", "投诉人为法人"),
    ("trading-member", "required:/complainant/legal_rep_name", "法定代表人签字"),
    ("trading-member", "required:/complainant/legal_rep_id", "法定代表人的身份证复印件"),
    ("trading-member", "required:/respondent/name", "被投诉会员单位名称"),
    ("trading-member", "required:/facts", "投诉事实说明"),
    ("trading-member", "required:/request/type", "投诉请求说明"),
    ("trading-member", "required:/submitted_at", "投诉日期"),
    ("trading-member", "material:signed_complaint", "本人签字的投诉书"),
    ("trading-member", "material:id_copy", "身份证复印件"),
    ("trading-member", "material:sealed_complaint", "加盖公章的投诉书"),
    ("trading-member", "material:legal_rep_id_copy", "法定代表人的身份证复印件"),
    ("trading-member", "material:evidence", "相关证据"),
    ("trading-member", "refused:/agent", "仅受理本人书面实名投诉"),
    ("trading-member", "declaration:/declarations/truthful", "确认知晓上述内容"),
    ("trading-member", "declaration:/declarations/privacy_consent", "取得个人的同意"),
    ("trading-member", "category", "营销和代理商营销类"),
    ("trading-member", "/preview/burden/platform_duty", "账户资产安全情况说明"),
    ("trading-member", "/preview/routing/at_threshold_clause", "10000 元"),
    ("trading-member", "prompt:futures_firm", "期货经营机构应当证明"),
    ("trading-member", "evidence:account", "投诉人交易账号"),
    ("trading-member", "evidence:trades", "交易情况"),
    ("trading-member", "evidence:marketing", "证据清单"),
    ("trading-member", "flag:police", "资金被盗取"),
    ("trading-member", "flag:threat", "扬言闹事"),
    ("trading-member", "severity:illegal_conduct", "涉嫌违法违规违纪"),
    ("trading-member", "severity:key_personnel", "重要岗位人员"),
    ("trading-member", "severity:bad_nature_media", "性质恶劣"),
    ("trading-member", "severity:major_emergency", "重大突发事件"),
    ("trading-member", "route:major", "风控部统一协调跟踪督办"),
    ("trading-member", "route:general", "一般投诉事项"),
    ("trading-member", "route:police", "协助客户向公安机关报案"),
    ("trading-member", "route:threat", "扬言闹事"),
    ("trading-member", "route:coordination", "协调中心作为第三方介入"),
    ("trading-member", "route:follow_up", "回访"),
    ("trading-member", "check:rights.external_remedies", "协调中心"),
    ("trading-member", "right:coordination", "协调中心作为第三方介入"),
    ("trading-member", "right:query_records", "有权查询其委托记录、交易记录"),
    ("trading-member", "right:mediation", "期货经营机构不得拒绝"),
    ("trading-member", "limit:resolve", "工作日内办结"),
    ("trading-member", "/deadlines/extension/clause", "延长"),
    ("trading-member", "limit:archive", "保存时间不得少于"),
    // handling lifecycle (issue 16): every duty, limit and check cites the clause that states it.
    ("*", "/handling/record_clause", "处理记录只追加"),
    ("ecommerce", "/handling/limits/acknowledge/clause", "24小时内"),
    ("ecommerce", "/handling/limits/accept/clause", "一个工作日内"),
    ("ecommerce", "/handling/limits/resolve/clause", "15 个工作日内办结"),
    ("ecommerce", "/handling/extension/clause", "累计不超过 15 个工作日"),
    ("ecommerce", "/handling/progress/clause", "10 个工作日"),
    ("ecommerce", "/handling/limits/notify_result/clause", "1 个工作日内告知投诉人"),
    ("ecommerce", "/handling/limits/notify_review_result/clause", "1 个工作日内告知投诉人"),
    ("ecommerce", "/handling/limits/review_window/clause", "15 日内申请复核"),
    ("ecommerce", "/handling/limits/review_decide/clause", "15 个工作日内作出"),
    ("ecommerce", "/handling/supplement/clause", "一次性告知用户需补充的内容及合理期限"),
    ("ecommerce", "/handling/supplement/period_clause", "不少于 5 个工作日"),
    ("ecommerce", "/handling/rejection/clause", "应向用户说明理由,并尽可能提供必要的指引"),
    ("ecommerce", "/handling/result/clause", "将处理结果、依据及对用户的回复意见"),
    ("ecommerce", "/handling/review/clause", "高于原处理部门层级或独立"),
    ("ecommerce", "/handling/review/human_clause", "应当采用人工判定的方式进行处理"),
    ("ecommerce", "/handling/review/remedies/clause", "提起诉讼或仲裁"),
    (
        "ecommerce",
        "/handling/compensation/clause",
        "超过 1000 元的,经公司总经理审批后处理,并知会风险管理部",
    ),
    (
        "ecommerce",
        "/handling/compensation/at_threshold_clause",
        "恰为 1000 元的，按超过 1000 元处理",
    ),
    ("ecommerce", "/handling/mediation/clause", "邀请消费者、企业代表及第三方调解员参与"),
    ("ecommerce", "/handling/mediation/agreement_clause", "书面调解协议"),
    ("ecommerce", "/handling/mediation/performance_clause", "定期进行跟进"),
    ("ecommerce", "/handling/archive/clause", "建立完整的电子或纸质档案"),
    ("ecommerce", "/handling/retention/0/clause", "不少于三年"),
    ("ecommerce", "duty:failed_talks", "将情况说明报送部门领导"),
    ("ecommerce", "duty:lawsuit", "应及时报客户服务部和风险管理部,由风险管理部提出解决方案"),
    ("ecommerce", "duty:agreement_performance", "定期进行跟进"),
    ("trading-member", "/handling/limits/resolve/clause", "本规则包取 15 个工作日内办结"),
    ("trading-member", "/handling/extension/clause", "延长不超过 15 个工作日"),
    ("trading-member", "/handling/recusal/clause", "营销人员不得直接受理客户投诉"),
    ("trading-member", "/handling/archive/clause", "须建立投诉处理工作档案"),
    ("trading-member", "/handling/retention/0/clause", "本规则包取 3 年"),
    ("trading-member", "/handling/retention/1/clause", "不得少于二十年"),
    ("trading-member", "duty:general_report", "及时向风控部递交投诉处理书面报告"),
    ("trading-member", "duty:major_supervision", "风控部统协调跟踪督办"),
    (
        "trading-member",
        "duty:asset_explanation",
        "须向客户提供相关账户资料交易情况和客户账户资产安全情况说明",
    ),
    ("trading-member", "duty:account_explanation", "须耐心向客户解释相关政策制度"),
    ("trading-member", "duty:police", "公司协助客户向公安机关报案"),
    ("trading-member", "duty:it_check", "信息技术部须立即对信息系统进行检查"),
    ("trading-member", "duty:advice_report", "将情况报告反馈至风控部"),
    ("trading-member", "duty:follow_up_visit", "由客服部门对投诉人进行回访"),
    ("trading-member", "duty:coordination_application", "向协调中心递交协调申请单"),
    ("trading-member", "duty:three_party_meeting", "组织三方会谈"),
    ("trading-member", "duty:threat_police", "报片区公安"),
    ("trading-member", "duty:advice_department", "由分析部部门受理"),
    ("trading-member", "duty:agent_supervision", "风控部统协调跟踪督办"),
    ("ecommerce", "duty:litigation_risk_report", "需重点监控并同步报风险管理部备案"),
];

/// The role of the citation at `ptr` in the pack document: `route:<id>`, `check:<code>`, ….
fn role(doc: &Value, ptr: &str) -> String {
    let seg: Vec<&str> = ptr.trim_start_matches('/').split('/').collect();
    let at = |n: usize| doc.pointer(&format!("/{}", seg[..n].join("/"))).cloned().unwrap();
    let named = |n: usize, key: &str| at(n)[key].as_str().unwrap_or_default().to_string();
    match seg.as_slice() {
        ["required", ..] => format!("required:{}", at(2)["any_of"][0].as_str().unwrap()),
        ["materials", ..] => format!("material:{}", named(2, "name")),
        ["declarations", ..] => format!("declaration:{}", named(2, "path")),
        ["refused", ..] => format!("refused:{}", named(2, "path")),
        ["formats" | "lengths" | "chronology", ..] => seg[0].to_string(),
        ["preview", "routing", "routes", ..] => format!("route:{}", named(4, "id")),
        ["preview", "appeal", "checks", code, ..] => format!("check:{code}"),
        ["preview", "rights", ..] => format!("right:{}", named(3, "id")),
        ["preview", "evidence", ..] => format!("evidence:{}", named(3, "id")),
        ["preview", "burden", "prompts", ..] => format!("prompt:{}", named(4, "id")),
        ["classify", "flags", ..] => format!("flag:{}", named(3, "id")),
        ["classify", "severity", "reasons", ..] => format!("severity:{}", named(4, "code")),
        ["classify", "principles", class, ..] => format!("principle:{class}"),
        ["deadlines", "limits", ..] => format!("limit:{}", named(3, "id")),
        ["deadlines", "rule_change", "clauses", k] => format!("rule_change:{k}"),
        ["taxonomy", "categories", ..] => "category".into(),
        ["taxonomy", "cause_classes", ..] => "cause_class".into(),
        ["handling", "obligations", ..] => format!("duty:{}", named(3, "id")),
        _ => ptr.to_string(),
    }
}

/// Every clause citation in a pack document: (pointer, clause id).
fn citations(v: &Value, ptr: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                if ptr.is_empty() && k == "clauses" {
                    continue; // the catalogue itself
                }
                let p = format!("{ptr}/{k}");
                let cites = k.ends_with("clause") || k == "platform_duty" || k == "anti_abuse";
                match (v, cites, k == "clauses") {
                    (Value::String(id), true, _) => out.push((p, id.clone())),
                    (Value::Array(ids), _, true) => out.extend(
                        ids.iter().enumerate().map(|(i, id)| (format!("{p}/{i}"), id_of(id))),
                    ),
                    (Value::Object(ids), _, true) if ids.values().all(Value::is_string) => {
                        out.extend(ids.iter().map(|(k, id)| (format!("{p}/{k}"), id_of(id))))
                    }
                    _ => citations(v, &p, out),
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                citations(v, &format!("{ptr}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn id_of(v: &Value) -> String {
    v.as_str().unwrap().to_string()
}

#[test]
fn every_citation_says_what_its_rule_says_and_pack_choices_say_so() {
    let keys: BTreeMap<(&str, &str), &str> = KEYS.iter().map(|(p, r, k)| ((*p, *r), *k)).collect();
    let mut failures = Vec::new();
    let mut walked = 0;
    for id in embedded::ids() {
        let doc: Value = serde_json::from_str(embedded::document(id).unwrap()).unwrap();
        let mut found = Vec::new();
        citations(&doc, "", &mut found);
        for (ptr, clause_id) in found {
            walked += 1;
            let role = role(&doc, &ptr);
            let clause = &doc["clauses"][&clause_id];
            let text = clause["text"].as_str().unwrap_or_default();
            let key = keys.get(&(id, role.as_str())).or_else(|| keys.get(&("*", role.as_str())));
            match key {
                None => failures.push(format!("{id} {ptr} ({role} → {clause_id}): no key phrase")),
                Some(key) if !text.contains(key) => {
                    failures.push(format!("{id} {role} → {clause_id}: text lacks {key:?}: {text}"))
                }
                Some(_) => {}
            }
            let source = clause["source"].as_str().unwrap_or_default();
            if clause["pack_choice"] == json!(true)
                && !source.starts_with("本包规则")
                && !text.contains("本规则包")
                && !text.contains("本包")
            {
                failures.push(format!("{id} {role} → {clause_id}: a pack choice reads as law"));
            }
            if source.starts_with("本包规则") && clause["pack_choice"] != json!(true) {
                failures.push(format!("{id} {role} → {clause_id}: pack policy not flagged"));
            }
            let borrowed = match id {
                "ecommerce" => source.starts_with("S003"),
                _ => {
                    ["S000", "S001", "S002", "S004", "电子商务法", "消费者权益保护法"]
                        .iter()
                        .any(|s| source.starts_with(s))
                        && !ALLOWED_TM_BORROWING.contains(&role.as_str())
                }
            };
            if borrowed {
                failures
                    .push(format!("{id} {role} → {clause_id}: borrows another seed ({source})"));
            }
        }
    }
    assert!(walked > 150, "only {walked} citations walked");
    assert!(
        failures.is_empty(),
        "{} citation problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Trading-member citations of other seeds that remain (the cause-class taxonomy, handling
/// principles and the litigation flag, kept from S000/S001; the platform rule-change check):
/// listed in the closing note for a later issue, and kept from growing here.
const ALLOWED_TM_BORROWING: &[&str] = &[
    "cause_class",
    "principle:company_fault",
    "principle:customer_side",
    "principle:objective",
    "principle:other",
    "flag:litigation_risk",
    "rule_change:notice",
];

#[test]
fn every_clause_behind_a_preview_is_in_force_on_the_case_day() {
    let engine = Engine::new().unwrap();
    // Everything at once: every handler breach, durable goods, stolen funds, a threat, a suit.
    let handling = json!({
        "channel_offered": false, "adverse_measure": true, "reasons_given": false,
        "automated_only": true, "human_review_requested": true, "human_review_given": false,
        "reviewer": "same", "appeal_window_days": 3, "fee_fen": 100, "waivers": ["sue"],
        "settlement_acceptance": "forced", "penalty_fen": 500, "penalty_cap_fen": 100,
        "handler_marketing": true, "handler_involved": true, "third_party": true,
        "third_party_trained": false, "final_review_done": true, "no_agreement": true,
        "legal_question": true
    });
    let mut shown = 0;
    for day in ["2024-06-03", "2025-06-02", "2026-01-30", "2026-02-02", "2026-04-16", "2026-11-20"]
    {
        for (pack, base) in
            [("ecommerce", "natural_ecommerce"), ("trading-member", "natural_trading")]
        {
            let mut case = support::base_case(base);
            case["submitted_at"] = json!(format!("{day}T09:00:00+08:00"));
            case["occurred_at"] = json!(format!("{day}T08:00:00+08:00"));
            case["order"] = json!({"delivered_at": format!("{day}T07:00:00+08:00")});
            case["facts"] =
                json!("电视机屏幕坏了，账户资金被盗取，他扬言闹事，我要起诉，损失两万元。");
            let mut opts =
                Options::at(parse_time("now", &format!("{day}T10:00:00+08:00")).unwrap());
            opts.pack = Some(pack.into());
            opts.view = Some(View::Staff);
            opts.handling = serde_json::from_value(handling.clone()).unwrap();
            let p = engine.preview(case, &opts).unwrap();
            let date = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
            let catalogue = engine.pack(Some(pack), date).unwrap();
            let ids = p
                .findings
                .iter()
                .map(|f| &f.clause.id)
                .chain(p.route.applied.iter().map(|r| &r.clause.id))
                .chain(p.checklist.iter().map(|c| &c.clause.id))
                .chain(p.rights.iter().map(|r| &r.clause.id))
                .chain(p.supplements.iter().map(|s| &s.clause));
            for id in ids {
                shown += 1;
                let clause = &catalogue.clauses[id];
                assert!(clause.in_force(date), "{pack} {day}: {id} is not in force: {clause:?}");
            }
            let order116 = p.findings.iter().any(|f| f.clause.id.starts_with("IM116"))
                || p.rights.iter().any(|r| r.clause.id.starts_with("IM116"));
            assert_eq!(order116, pack == "ecommerce" && day >= "2026-02-01", "{pack} {day}");
        }
    }
    assert!(shown > 200, "only {shown} clauses shown");
}

#[test]
fn the_regulators_2019_limits_are_reference_only_and_end_with_order_121() {
    let engine = Engine::new().unwrap();
    for (day, in_force) in [("2026-04-14", true), ("2026-04-15", false)] {
        let mut case = support::base_case("natural_ecommerce");
        case["submitted_at"] = json!(format!("{day}T09:00:00+08:00"));
        case["occurred_at"] = json!(format!("{day}T08:00:00+08:00"));
        case["order"] = json!({});
        let opts = Options::at(parse_time("now", &format!("{day}T10:00:00+08:00")).unwrap());
        let p = engine.preview(case, &opts).unwrap();
        let entry = p.timeline.iter().find(|e| e.id == "regulator_accept").unwrap();
        assert_eq!(entry.due_date.is_some(), in_force, "{day}: {entry:?}");
        let replaced = entry.reference.as_ref().unwrap().replaced_by.as_ref().unwrap();
        assert!(replaced.zh.contains("第121号") && replaced.zh.contains("不显示"), "{replaced:?}");
        assert!(p.findings.iter().all(|f| !f.clause.id.starts_with("IM2019")), "{day}");
    }
}
