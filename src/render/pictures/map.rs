//! A small world map with a dot for each place, each dot a link to the
//! place's page. The outline is `world.txt` (Natural Earth land, public
//! domain; see `README.md` here), drawn in the projection its first line
//! records.

use super::num;
use crate::html::escape;

/// The land outline: a header line (the projection), then the path data.
const WORLD: &str = include_str!("world.txt");

/// Map units a degree, as `data/gen_world.py` drew the outline.
const SCALE: f64 = 2.0;
/// The northernmost latitude drawn.
const NORTH: f64 = 84.0;
/// The southernmost latitude drawn.
const SOUTH: f64 = -58.0;
/// The view box: 360 degrees wide, `NORTH - SOUTH` high, in map units.
const WIDTH: f64 = 360.0 * SCALE;
const HEIGHT: f64 = (NORTH - SOUTH) * SCALE;

/// One place on the map.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Dot {
    /// What the dot's link says (its tooltip and accessible name).
    pub label: String,
    /// Where the dot links to.
    pub url: String,
    /// Latitude in degrees, north positive.
    pub lat: f64,
    /// Longitude in degrees, east positive.
    pub lon: f64,
    /// How many stories name the place: the dot's size grows with it.
    pub weight: usize,
}

/// The land outline's SVG path data.
fn land() -> &'static str {
    WORLD
        .split_once('\n')
        .map_or("", |(_, path)| path.trim_end())
}

/// Where a point falls in the view box; latitudes beyond the drawn ones
/// are pinned to its edge.
fn project(lat: f64, lon: f64) -> (f64, f64) {
    let lat = lat.clamp(SOUTH, NORTH);
    (
        (lon.clamp(-180.0, 180.0) + 180.0) * SCALE,
        (NORTH - lat) * SCALE,
    )
}

/// A dot's radius in map units: its area grows with its weight, up to a
/// cap, so one place named everywhere does not cover a continent.
fn radius(weight: usize) -> f64 {
    let weight = weight.clamp(1, 25) as f64;
    4.0 + 3.0 * weight.sqrt()
}

/// The map as an inline `<svg>` element titled `title`. Bigger dots are
/// drawn first so that smaller ones stay on top and clickable; ties go by
/// label, so the same dots give the same bytes in any order.
pub(crate) fn world_map(title: &str, dots: &[Dot]) -> String {
    let mut dots: Vec<&Dot> = dots.iter().collect();
    dots.sort_by(|a, b| b.weight.cmp(&a.weight).then_with(|| a.label.cmp(&b.label)));
    let mut svg = format!(
        "<svg class=\"picture map\" viewBox=\"0 0 {} {}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>\
         <rect class=\"sea\" width=\"{}\" height=\"{}\"/><path class=\"land\" d=\"{}\"/>",
        num(WIDTH),
        num(HEIGHT),
        escape(title),
        num(WIDTH),
        num(HEIGHT),
        land()
    );
    for dot in dots {
        let (x, y) = project(dot.lat, dot.lon);
        svg.push_str(&format!(
            "<a href=\"{}\"><title>{}</title><circle class=\"dot\" cx=\"{}\" cy=\"{}\" r=\"{}\"/></a>",
            escape(&dot.url),
            escape(&dot.label),
            num(x),
            num(y),
            num(radius(dot.weight))
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dot(label: &str, lat: f64, lon: f64, weight: usize) -> Dot {
        Dot {
            label: label.to_string(),
            url: format!("/places/{}/", label.to_lowercase()),
            lat,
            lon,
            weight,
        }
    }

    #[test]
    fn the_outline_was_drawn_in_this_projection() {
        let header = WORLD.lines().next().unwrap();
        let expected = format!("{SCALE} {NORTH} {SOUTH} {WIDTH} {HEIGHT}");
        assert_eq!(header, expected);
        assert!(land().starts_with('M') && land().ends_with('z'));
        assert!(land().len() < 8_000, "the outline grew to {}", land().len());
    }

    #[test]
    fn places_fall_where_they_are() {
        assert_eq!(project(0.0, 0.0), (360.0, 168.0));
        assert_eq!(project(84.0, -180.0), (0.0, 0.0));
        assert_eq!(project(-90.0, 200.0), (720.0, 284.0));
    }

    #[test]
    fn each_dot_is_a_titled_link_and_big_dots_are_drawn_first() {
        let svg = world_map(
            "Places <of> the day",
            &[dot("Geneva", 46.2, 6.15, 1), dot("Kyiv", 50.45, 30.52, 4)],
        );
        assert!(svg.starts_with("<svg class=\"picture map\" viewBox=\"0 0 720 284\""));
        assert!(svg.contains("<title>Places &lt;of&gt; the day</title>"));
        let kyiv = svg.find("<title>Kyiv</title>").unwrap();
        let geneva = svg.find("<title>Geneva</title>").unwrap();
        assert!(kyiv < geneva, "{svg}");
        assert!(svg.contains(
            "<a href=\"/places/geneva/\"><title>Geneva</title><circle class=\"dot\" cx=\"372.3\" cy=\"75.6\" r=\"7\"/></a>"
        ));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn the_same_dots_in_another_order_give_the_same_bytes() {
        let a = dot("Lima", -12.0, -77.0, 2);
        let b = dot("Oslo", 59.9, 10.7, 2);
        assert_eq!(
            world_map("t", &[a.clone(), b.clone()]),
            world_map("t", &[b, a])
        );
    }
}
