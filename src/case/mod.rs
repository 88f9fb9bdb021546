//! The complaint case: its public JSON shape (a contract shared with the shell, the backend and
//! other teams), normalisation and masking.
//!
//! Every field is optional in the model so that a half-filled form still deserialises; what is
//! required is decided by the policy pack, not by the type system.

pub mod fields;
pub mod from_json;
pub mod mask;
pub mod normalize;
pub mod pointer;
pub mod read;
pub mod schema;

use serde::{Deserialize, Serialize};

/// A complaint or transaction dispute as submitted by the form.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Case {
    /// Who complains.
    pub complainant: Option<Complainant>,
    /// Someone acting for the complainant under a power of attorney.
    pub agent: Option<Agent>,
    /// Who is complained about.
    pub respondent: Option<Respondent>,
    /// The order in dispute.
    pub order: Option<Order>,
    /// 投诉事实说明: what happened, in the complainant's words.
    pub facts: Option<String>,
    /// 投诉请求: what the complainant asks for.
    pub request: Option<Request>,
    /// Attached materials (absent or `null`: none).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub evidence: Vec<Evidence>,
    /// When the disputed event happened (RFC 3339).
    pub occurred_at: Option<String>,
    /// When the complaint was submitted (RFC 3339).
    pub submitted_at: Option<String>,
    /// How the complaint arrives.
    pub channel: Option<Channel>,
    /// The complainant's declarations.
    pub declarations: Option<Declarations>,
}

/// A list that may be written `null` (the case schema allows it for every member): read as empty.
fn null_as_empty<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

/// Natural or legal person.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplainantKind {
    /// A natural person (自然人).
    Natural,
    /// A legal person (法人) or other organisation.
    Legal,
}

/// The complainant's identity and contact details.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Complainant {
    /// Natural or legal person.
    pub kind: Option<ComplainantKind>,
    /// Name (for a legal person: the contact's name).
    pub name: Option<String>,
    /// Resident identity number (GB 11643).
    pub id_number: Option<String>,
    /// Mobile number.
    pub mobile: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Postal address.
    pub address: Option<String>,
    /// Platform account / 交易账号.
    pub account: Option<String>,
    /// Organisation name (legal person).
    pub org_name: Option<String>,
    /// 统一社会信用代码 (legal person, GB 32100).
    pub uscc: Option<String>,
    /// Legal representative's name (legal person).
    pub legal_rep_name: Option<String>,
    /// Legal representative's identity number (legal person).
    pub legal_rep_id: Option<String>,
}

/// An agent acting under a power of attorney.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agent {
    /// Agent's name.
    pub name: Option<String>,
    /// Agent's resident identity number.
    pub id_number: Option<String>,
    /// Agent's mobile number.
    pub mobile: Option<String>,
}

/// Kind of respondent.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RespondentKind {
    /// A merchant on the platform (平台内经营者).
    Merchant,
    /// The platform operator itself.
    Platform,
    /// A member unit of an exchange (会员单位, trading-member pack).
    MemberUnit,
}

/// Who the complaint is about.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Respondent {
    /// Merchant, platform or member unit.
    pub kind: Option<RespondentKind>,
    /// Name of the respondent.
    pub name: Option<String>,
    /// Shop, branch or intermediary (涉及分支机构或居间).
    pub shop: Option<String>,
    /// Staff involved (涉及工作人员).
    pub staff: Option<String>,
}

/// The order in dispute.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Order {
    /// Order number.
    pub id: Option<String>,
    /// Amount paid, in yuan as a decimal string (`"1299.00"`).
    pub amount: Option<String>,
    /// Payment time (RFC 3339).
    pub paid_at: Option<String>,
    /// Delivery time (RFC 3339), when known.
    pub delivered_at: Option<String>,
}

/// What the complainant asks for.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestType {
    /// 退款.
    Refund,
    /// 退货.
    Return,
    /// 换货.
    Exchange,
    /// 维修.
    Repair,
    /// 赔偿.
    Compensation,
    /// 道歉.
    Apology,
    /// Anything else.
    Other,
}

/// The complainant's request.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// Type of request.
    #[serde(rename = "type")]
    pub kind: Option<RequestType>,
    /// The request in the complainant's words.
    pub text: Option<String>,
    /// Amount claimed, in yuan as a decimal string.
    pub amount: Option<String>,
}

/// Fixed evidence kind ids.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// Complaint signed by the complainant.
    SignedComplaint,
    /// Copy of the complainant's identity card.
    IdCopy,
    /// Business licence (legal person).
    BusinessLicence,
    /// Copy of the legal representative's identity card.
    LegalRepIdCopy,
    /// Complaint signed by the legal representative and sealed.
    SealedComplaint,
    /// Power of attorney for an agent.
    PowerOfAttorney,
    /// Copy of the agent's identity card.
    AgentIdCopy,
    /// Order record / screenshot.
    OrderRecord,
    /// Payment record.
    PaymentRecord,
    /// Chat record with the merchant or customer service.
    ChatRecord,
    /// Logistics record.
    LogisticsRecord,
    /// Invoice.
    Invoice,
    /// Contract.
    Contract,
    /// Photo.
    Photo,
    /// Video.
    Video,
    /// Inspection or test report.
    InspectionReport,
    /// Anything else.
    Other,
}

/// One attached material.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// What it is.
    pub kind: Option<EvidenceKind>,
    /// File name.
    pub name: Option<String>,
    /// Size in bytes.
    pub size: Option<u64>,
    /// Media (MIME) type.
    pub media_type: Option<String>,
}

/// How the complaint arrives.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Web form.
    Web,
    /// WeChat (or other) mini-program.
    MiniProgram,
    /// Telephone.
    Phone,
    /// Letter.
    Letter,
    /// E-mail.
    Email,
    /// In person.
    Visit,
}

/// The complainant's declarations.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Declarations {
    /// The complainant declares the content is true.
    pub truthful: Option<bool>,
    /// The complainant consents to the processing of personal data.
    pub privacy_consent: Option<bool>,
}
