//! English verb forms, as far as a rule can tell them safely: the base form
//! of a past tense or participle ("reiterated" → "reiterate", "agreed" →
//! "agree", "said" → "say"), and the present tense of a base form
//! ("reiterate" → "reiterates").
//!
//! Headlines use them to turn "has reiterated" into "reiterates"; key
//! figures use them to stop what a number counts before a verb ("6.1
//! earthquake struck"). Where the spelling leaves the base form in doubt
//! ("visited" → "visit" but "united" → "unite") the answer is `None`, and
//! the caller leaves the text as it is. A leaf: it imports nothing.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Irregular verbs: base, simple past, past participle.
const IRREGULAR: &[(&str, &str, &str)] = &[
    ("arise", "arose", "arisen"),
    ("awake", "awoke", "awoken"),
    ("bear", "bore", "borne"),
    ("beat", "beat", "beaten"),
    ("become", "became", "become"),
    ("begin", "began", "begun"),
    ("bend", "bent", "bent"),
    ("bet", "bet", "bet"),
    ("bid", "bid", "bid"),
    ("bind", "bound", "bound"),
    ("bite", "bit", "bitten"),
    ("bleed", "bled", "bled"),
    ("blow", "blew", "blown"),
    ("break", "broke", "broken"),
    ("breed", "bred", "bred"),
    ("bring", "brought", "brought"),
    ("broadcast", "broadcast", "broadcast"),
    ("build", "built", "built"),
    ("burst", "burst", "burst"),
    ("buy", "bought", "bought"),
    ("cast", "cast", "cast"),
    ("catch", "caught", "caught"),
    ("choose", "chose", "chosen"),
    ("cling", "clung", "clung"),
    ("come", "came", "come"),
    ("cost", "cost", "cost"),
    ("creep", "crept", "crept"),
    ("cut", "cut", "cut"),
    ("deal", "dealt", "dealt"),
    ("dig", "dug", "dug"),
    ("do", "did", "done"),
    ("draw", "drew", "drawn"),
    ("drink", "drank", "drunk"),
    ("drive", "drove", "driven"),
    ("eat", "ate", "eaten"),
    ("fall", "fell", "fallen"),
    ("feed", "fed", "fed"),
    ("feel", "felt", "felt"),
    ("fight", "fought", "fought"),
    ("find", "found", "found"),
    ("flee", "fled", "fled"),
    ("fly", "flew", "flown"),
    ("forbid", "forbade", "forbidden"),
    ("forecast", "forecast", "forecast"),
    ("foresee", "foresaw", "foreseen"),
    ("forget", "forgot", "forgotten"),
    ("forgive", "forgave", "forgiven"),
    ("freeze", "froze", "frozen"),
    ("get", "got", "gotten"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("grow", "grew", "grown"),
    ("hang", "hung", "hung"),
    ("have", "had", "had"),
    ("hear", "heard", "heard"),
    ("hide", "hid", "hidden"),
    ("hit", "hit", "hit"),
    ("hold", "held", "held"),
    ("hurt", "hurt", "hurt"),
    ("keep", "kept", "kept"),
    ("know", "knew", "known"),
    ("lay", "laid", "laid"),
    ("lead", "led", "led"),
    ("leave", "left", "left"),
    ("lend", "lent", "lent"),
    ("let", "let", "let"),
    ("lose", "lost", "lost"),
    ("make", "made", "made"),
    ("mean", "meant", "meant"),
    ("meet", "met", "met"),
    ("mislead", "misled", "misled"),
    ("mistake", "mistook", "mistaken"),
    ("overcome", "overcame", "overcome"),
    ("oversee", "oversaw", "overseen"),
    ("overtake", "overtook", "overtaken"),
    ("overthrow", "overthrew", "overthrown"),
    ("pay", "paid", "paid"),
    ("put", "put", "put"),
    ("quit", "quit", "quit"),
    ("rebuild", "rebuilt", "rebuilt"),
    ("ride", "rode", "ridden"),
    ("ring", "rang", "rung"),
    ("rise", "rose", "risen"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("sell", "sold", "sold"),
    ("send", "sent", "sent"),
    ("set", "set", "set"),
    ("shake", "shook", "shaken"),
    ("shed", "shed", "shed"),
    ("shoot", "shot", "shot"),
    ("show", "showed", "shown"),
    ("shrink", "shrank", "shrunk"),
    ("shut", "shut", "shut"),
    ("sing", "sang", "sung"),
    ("sink", "sank", "sunk"),
    ("sit", "sat", "sat"),
    ("sleep", "slept", "slept"),
    ("slide", "slid", "slid"),
    ("speak", "spoke", "spoken"),
    ("spend", "spent", "spent"),
    ("spin", "spun", "spun"),
    ("split", "split", "split"),
    ("spread", "spread", "spread"),
    ("spring", "sprang", "sprung"),
    ("stand", "stood", "stood"),
    ("steal", "stole", "stolen"),
    ("stick", "stuck", "stuck"),
    ("sting", "stung", "stung"),
    ("strike", "struck", "struck"),
    ("swear", "swore", "sworn"),
    ("sweep", "swept", "swept"),
    ("swim", "swam", "swum"),
    ("swing", "swung", "swung"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("tear", "tore", "torn"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("throw", "threw", "thrown"),
    ("undergo", "underwent", "undergone"),
    ("understand", "understood", "understood"),
    ("undertake", "undertook", "undertaken"),
    ("uphold", "upheld", "upheld"),
    ("wake", "woke", "woken"),
    ("wear", "wore", "worn"),
    ("win", "won", "won"),
    ("withdraw", "withdrew", "withdrawn"),
    ("withhold", "withheld", "withheld"),
    ("write", "wrote", "written"),
];

/// Stems whose "-ed" form adds only "d" or "ed" in ways the spelling does
/// not show: (past, base).
const REGULAR_EXCEPTIONS: &[(&str, &str)] = &[
    ("added", "add"),
    ("used", "use"),
    ("created", "create"),
    ("visited", "visit"),
    ("limited", "limit"),
    ("edited", "edit"),
    ("exhibited", "exhibit"),
    ("prohibited", "prohibit"),
    ("credited", "credit"),
    ("inherited", "inherit"),
    ("deposited", "deposit"),
    ("invited", "invite"),
    ("united", "unite"),
    ("cited", "cite"),
    ("excited", "excite"),
    ("ignited", "ignite"),
    ("incited", "incite"),
    ("focused", "focus"),
    ("biased", "bias"),
    ("developed", "develop"),
    ("welcomed", "welcome"),
    ("died", "die"),
    ("lied", "lie"),
    ("tied", "tie"),
];

/// Words ending in "eed" that are past forms ("agreed"); the others are
/// base forms ("succeed", "exceed").
const EED_PASTS: &[&str] = &["agreed", "disagreed", "freed", "decreed", "guaranteed"];

/// Words ending in "ed" that are no verb forms.
const NOT_PAST: &[&str] = &[
    "hundred", "sacred", "naked", "wicked", "kindred", "rugged", "ragged", "beloved", "crooked",
];

/// What the irregular table says about a word form, looked up once.
#[derive(Debug, Clone, Copy, Default)]
struct Irregular {
    /// The base form of which it is a past or a participle.
    base: &'static str,
    /// Whether it is a simple past.
    past: bool,
    /// Whether it is a past participle.
    participle: bool,
}

/// The irregular forms by spelling, built on first use.
static IRREGULAR_FORMS: LazyLock<HashMap<&'static str, Irregular>> = LazyLock::new(|| {
    let mut forms: HashMap<&'static str, Irregular> = HashMap::new();
    for &(base, past, participle) in IRREGULAR {
        let p = forms.entry(past).or_insert(Irregular {
            base,
            ..Irregular::default()
        });
        p.past = true;
        let pp = forms.entry(participle).or_insert(Irregular {
            base,
            ..Irregular::default()
        });
        pp.participle = true;
    }
    forms
});

fn irregular(word: &str) -> Option<Irregular> {
    IRREGULAR_FORMS.get(word).copied()
}

/// The base form of a past tense or past participle, when the spelling
/// makes it certain: "reiterated" → "reiterate", "agreed" → "agree",
/// "stopped" → "stop", "said" → "say". `None` for anything else.
pub(crate) fn base_of_past(word: &str) -> Option<String> {
    if let Some(form) = irregular(word) {
        return Some(form.base.to_string());
    }
    if let Some((_, base)) = REGULAR_EXCEPTIONS.iter().find(|(p, _)| *p == word) {
        return Some((*base).to_string());
    }
    regular_base(word)
}

/// Whether `word` can be a past participle: an "-ed" form or an irregular
/// participle.
pub(crate) fn is_participle(word: &str) -> bool {
    is_ed_form(word) || irregular(word).is_some_and(|f| f.participle)
}

/// Whether `word` is a regular "-ed" form ("killed", "agreed"; not
/// "exceed" or "hundred").
pub(crate) fn is_ed_form(word: &str) -> bool {
    word.ends_with("ed")
        && (word.len() > 4 || REGULAR_EXCEPTIONS.iter().any(|(past, _)| *past == word))
        && (!word.ends_with("eed") || EED_PASTS.contains(&word))
        && !NOT_PAST.contains(&word)
}

/// Whether `word` can be a simple past tense: an "-ed" form or an
/// irregular past.
pub(crate) fn is_simple_past(word: &str) -> bool {
    is_ed_form(word) || irregular(word).is_some_and(|f| f.past)
}

/// The third person singular present of a base form: "reiterate" →
/// "reiterates", "push" → "pushes", "carry" → "carries", "have" → "has".
pub(crate) fn third_singular(base: &str) -> String {
    let bytes = base.as_bytes();
    let before_last = bytes.len().checked_sub(2).map(|i| bytes[i]);
    match base {
        "have" => return "has".to_string(),
        "be" => return "is".to_string(),
        _ => {}
    }
    if base.ends_with('y') && before_last.is_some_and(|b| !is_vowel(b)) {
        format!("{}ies", &base[..base.len() - 1])
    } else if ["s", "sh", "ch", "x", "z", "o"]
        .iter()
        .any(|end| base.ends_with(end))
    {
        format!("{base}es")
    } else {
        format!("{base}s")
    }
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The base of a regular "-ed" form, or `None` where the spelling leaves
/// it in doubt.
fn regular_base(word: &str) -> Option<String> {
    if !word.is_ascii() || !is_ed_form(word) {
        return None;
    }
    if let Some(stem) = word.strip_suffix("ied") {
        return Some(format!("{stem}y"));
    }
    // "agreed", "continued", "vetoed": the base ends in the vowel.
    if word.ends_with("eed") || word.ends_with("ued") {
        return Some(word[..word.len() - 1].to_string());
    }
    if let Some(stem) = word.strip_suffix("oed") {
        return Some(format!("{stem}o"));
    }
    let stem = &word[..word.len() - 2];
    let b = stem.as_bytes();
    let (last, prev) = (b[b.len() - 1], b[b.len() - 2]);
    let halved = &stem[..stem.len() - 1];
    if last == prev && !matches!(last, b'l' | b's' | b'f' | b'z' | b'e' | b'o') {
        // "stopped", "planned", "committed": the doubled consonant is one.
        return Some(halved.to_string());
    }
    if stem.ends_with("ll") && syllables(stem) > 1 && !stem.ends_with("all") {
        // "cancelled", "controlled"; but "killed", "installed".
        return Some(halved.to_string());
    }
    add_e(stem).map(|e| {
        if e {
            format!("{stem}e")
        } else {
            stem.to_string()
        }
    })
}

/// Whether the base of an "-ed" form is `stem` + "e" (`Some(true)`),
/// `stem` itself (`Some(false)`), or in doubt (`None`).
fn add_e(stem: &str) -> Option<bool> {
    let b = stem.as_bytes();
    let n = b.len();
    let last = b[n - 1];
    let prev = b[n - 2];
    let before = n.checked_sub(3).map(|i| b[i]);
    // A vowel pair before the last consonant ("repaired", "treated",
    // "looted") or a doubled consonant ("killed", "passed") keeps the stem.
    // A "u" after "g" or "q" ("guided", "acquired") sounds as a consonant.
    let soft_u = before == Some(b'u') && n >= 4 && matches!(b[n - 4], b'g' | b'q' | b's');
    let vowel_pair = is_vowel(prev) && before.is_some_and(is_vowel) && !soft_u;
    let single_vowel = is_vowel(prev) && !vowel_pair;
    match last {
        b'c' | b'v' | b'z' => Some(true),
        b'h' | b'w' | b'x' | b'y' | b'f' => Some(false),
        b'k' => Some(single_vowel && !stem.ends_with("ck")),
        b'g' => g_ending(stem, prev, vowel_pair),
        b's' => s_ending(stem, prev, vowel_pair),
        b't' => t_ending(stem, prev, vowel_pair),
        b'd' | b'b' | b'm' => Some(single_vowel),
        b'p' => Some(single_vowel && !stem.ends_with("elop")),
        b'r' => r_ending(prev, vowel_pair),
        b'n' => n_ending(stem, prev, vowel_pair),
        b'l' => l_ending(stem, prev, vowel_pair),
        _ if is_vowel(last) => Some(false),
        _ => None,
    }
}

fn g_ending(stem: &str, prev: u8, vowel_pair: bool) -> Option<bool> {
    if stem.ends_with("ng") {
        return if stem.ends_with("ang") || stem.ends_with("eng") {
            // "changed", "challenged"; "banged" is rare in the news.
            Some(true)
        } else {
            Some(false)
        };
    }
    Some(matches!(prev, b'r' | b'd' | b'l') || (is_vowel(prev) && !vowel_pair))
}

fn s_ending(stem: &str, prev: u8, vowel_pair: bool) -> Option<bool> {
    if stem.ends_with("ss") {
        return Some(false);
    }
    if stem.ends_with("as") && !stem.ends_with("eas") && !stem.ends_with("aas") {
        return None;
    }
    Some(vowel_pair || is_vowel(prev) || matches!(prev, b'n' | b'r' | b'p' | b'l'))
}

fn t_ending(stem: &str, prev: u8, vowel_pair: bool) -> Option<bool> {
    if stem.ends_with("iat") || stem.ends_with("uat") {
        // "negotiated", "evaluated".
        return Some(true);
    }
    if vowel_pair || !is_vowel(prev) {
        // "treated", "wanted", "tested"; but "wasted", "tasted", "pasted".
        return if stem.ends_with("ast") {
            None
        } else {
            Some(false)
        };
    }
    match prev {
        b'a' | b'u' => Some(true),
        b'o' => Some(!stem.ends_with("ivot")),
        _ => None,
    }
}

fn r_ending(prev: u8, vowel_pair: bool) -> Option<bool> {
    if vowel_pair || !is_vowel(prev) {
        return Some(false);
    }
    match prev {
        b'e' => Some(false),
        b'a' | b'i' | b'u' => Some(true),
        _ => None,
    }
}

fn n_ending(stem: &str, prev: u8, vowel_pair: bool) -> Option<bool> {
    if vowel_pair || !is_vowel(prev) {
        return Some(false);
    }
    match prev {
        b'e' => Some(false),
        b'i' => Some(true),
        b'o' if stem.ends_with("ion") => Some(false),
        _ => None,
    }
}

fn l_ending(stem: &str, prev: u8, vowel_pair: bool) -> Option<bool> {
    if stem.ends_with("ll") || vowel_pair {
        // "killed", "installed", "failed".
        return Some(false);
    }
    match prev {
        // "settled", "handled"; but "curled", "hurled".
        _ if !is_vowel(prev) => Some(!matches!(prev, b'r' | b'w')),
        // "filed", "ruled", "paroled"; "traveled", "canceled".
        b'i' | b'u' | b'o' => Some(true),
        b'e' => Some(false),
        _ => None,
    }
}

/// Vowel groups in `word`, roughly its syllables.
fn syllables(word: &str) -> usize {
    let mut count = 0;
    let mut in_vowels = false;
    for b in word.bytes() {
        let v = is_vowel(b);
        if v && !in_vowels {
            count += 1;
        }
        in_vowels = v;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_past_forms_find_their_base() {
        let cases = [
            ("reiterated", "reiterate"),
            ("agreed", "agree"),
            ("stopped", "stop"),
            ("killed", "kill"),
            ("announced", "announce"),
            ("carried", "carry"),
            ("died", "die"),
            ("visited", "visit"),
            ("wanted", "want"),
            ("continued", "continue"),
            ("changed", "change"),
            ("urged", "urge"),
            ("raised", "raise"),
            ("closed", "close"),
            ("approved", "approve"),
            ("recognized", "recognize"),
            ("crashed", "crash"),
            ("warned", "warn"),
            ("declined", "decline"),
            ("explained", "explain"),
            ("claimed", "claim"),
            ("named", "name"),
            ("decided", "decide"),
            ("funded", "fund"),
            ("declared", "declare"),
            ("entered", "enter"),
            ("cancelled", "cancel"),
            ("settled", "settle"),
            ("played", "play"),
            ("asked", "ask"),
            ("liked", "like"),
            ("escaped", "escape"),
            ("developed", "develop"),
            ("questioned", "question"),
            ("created", "create"),
            ("treated", "treat"),
            ("negotiated", "negotiate"),
            ("guided", "guide"),
            ("acquired", "acquire"),
            ("controlled", "control"),
            ("installed", "install"),
            ("filed", "file"),
            ("voted", "vote"),
            ("executed", "execute"),
        ];
        for (past, base) in cases {
            assert_eq!(base_of_past(past).as_deref(), Some(base), "{past}");
        }
    }

    #[test]
    fn irregular_forms_and_doubtful_spellings() {
        assert_eq!(base_of_past("said").as_deref(), Some("say"));
        assert_eq!(base_of_past("taken").as_deref(), Some("take"));
        assert_eq!(base_of_past("struck").as_deref(), Some("strike"));
        // "wasted" but "lasted", "orbited" but "united": left alone.
        assert_eq!(base_of_past("lasted"), None);
        assert_eq!(base_of_past("orbited"), None);
        assert_eq!(base_of_past("table"), None);
        assert_eq!(base_of_past("exceed"), None);
    }

    #[test]
    fn present_tense_of_a_base_form() {
        assert_eq!(third_singular("reiterate"), "reiterates");
        assert_eq!(third_singular("say"), "says");
        assert_eq!(third_singular("carry"), "carries");
        assert_eq!(third_singular("push"), "pushes");
        assert_eq!(third_singular("go"), "goes");
        assert_eq!(third_singular("have"), "has");
    }

    #[test]
    fn past_forms_and_participles_are_told_apart() {
        assert!(is_participle("reiterated") && is_participle("taken"));
        assert!(!is_participle("took") && is_simple_past("took"));
        assert!(is_simple_past("said") && !is_simple_past("say"));
        assert!(!is_simple_past("exceed") && !is_simple_past("hundred"));
    }
}
