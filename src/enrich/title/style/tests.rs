//! Unit tests of the headline conventions.

use super::*;

#[test]
fn times_are_dropped() {
    assert_eq!(
        drop_times("A fire yesterday afternoon killed five girls"),
        "A fire killed five girls"
    );
    assert_eq!(
        drop_times("A car bomb was on Monday rammed into a base"),
        "A car bomb was rammed into a base"
    );
    assert_eq!(
        drop_times("Tony Mendez died Saturday, aged 78"),
        "Tony Mendez died, aged 78"
    );
    assert_eq!(
        drop_times("The president, on Monday, signed the bill"),
        "The president signed the bill"
    );
    assert_eq!(
        drop_times("Talks resumed in Geneva last week."),
        "Talks resumed in Geneva."
    );
    assert_eq!(
        drop_times("Markets fell sharply today"),
        "Markets fell sharply"
    );
}

#[test]
fn names_with_days_in_them_stay() {
    for text in [
        "Voters turned out on Super Tuesday in record numbers",
        "The Sunday Times reported the deal",
        "Monday's attack killed three",
        "Talks resumed today",
    ] {
        assert_eq!(drop_times(text), text);
    }
}

#[test]
fn leading_articles_are_dropped_before_common_nouns() {
    assert_eq!(
        drop_leading_article("The government cut taxes"),
        "Government cut taxes"
    );
    assert_eq!(
        drop_leading_article("A fire kills five girls"),
        "Fire kills five girls"
    );
    assert_eq!(
        drop_leading_article("An earthquake struck Chile"),
        "Earthquake struck Chile"
    );
    assert_eq!(
        drop_leading_article("The Hague hosts talks"),
        "The Hague hosts talks"
    );
    assert_eq!(
        drop_leading_article("The Lost 52 Project finds"),
        "Lost 52 Project finds"
    );
    assert_eq!(drop_leading_article("A storm"), "A storm");
}

#[test]
fn long_names_are_abbreviated() {
    assert_eq!(
        abbreviate("United States President Donald Trump"),
        "US President Donald Trump"
    );
    assert_eq!(
        abbreviate("The United States' National Basketball Association"),
        "The US National Basketball Association"
    );
    assert_eq!(abbreviate("the United Kingdom’s exit"), "the UK’s exit");
    assert_eq!(
        abbreviate("the Constitution of the United States of America"),
        "the Constitution of the United States of America"
    );
    assert_eq!(abbreviate("United Statesman"), "United Statesman");
}

#[test]
fn an_affiliation_before_the_verb_is_dropped() {
    let is_verb = |w: &str| w == "say" || w == "describe";
    assert_eq!(
        drop_affiliation(
            "Scientists from the University of Bristol and UC Davis say zebras confuse flies",
            is_verb
        ),
        "Scientists say zebras confuse flies"
    );
    assert_eq!(
        drop_affiliation("Researchers at MIT describe a new alloy", is_verb),
        "Researchers describe a new alloy"
    );
    for text in [
        // A name is the subject: its affiliation stays.
        "Leader Kim Jong Un from Pyongyang say",
        // No verb after the names.
        "Scientists from the University of Bristol found it",
        // No names after "from".
        "Scientists from several countries say so",
    ] {
        assert_eq!(drop_affiliation(text, is_verb), text);
    }
}

#[test]
fn articles_before_common_nouns_are_dropped() {
    assert_eq!(
        drop_articles("Fire kills five girls at an escape room in the city"),
        "Fire kills five girls at escape room in city"
    );
    assert_eq!(
        drop_articles("Talks in the Hague on “a new deal” resume"),
        "Talks in the Hague on “a new deal” resume"
    );
}
