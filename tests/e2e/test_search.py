"""Search and browse in the browser: the header search, the phone filter sheet, chips, sort, pages and the
back button (all in the URL), the did-you-mean state, the empty states, and the desktop filter column."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_accessible, no_horizontal_scroll

pytestmark = pytest.mark.e2e


def params(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def shown_prices(page: Page) -> list[float]:
    """The card prices as numbers (only to check the order on screen)."""
    texts = page.locator(".product-card").evaluate_all(
        "cards => cards.map(c => c.querySelectorAll('span, p')[1]?.innerText || '')")
    values = []
    for text in texts:
        digits = re.sub(r"[^\d.]", "", text.replace(",", ""))
        if digits:
            values.append(float(digits))
    return values


# the cards' prices (as shown_prices reads them) are in ascending order: waited for, not sampled
SORTED_JS = """() => {
  const values = [...document.querySelectorAll('.product-card')]
    .map(c => (c.querySelectorAll('span, p')[1]?.innerText || '').replace(/,/g, '').replace(/[^\\d.]/g, ''))
    .filter(Boolean).map(Number);
  return values.length > 0 && values.every((v, i) => i === 0 || values[i - 1] <= v);
}"""


def loaded(page: Page) -> None:
    expect(page.locator("#result-count")).to_be_visible()


def search_from_header(page: Page, words: str, shown_as: str | None = None) -> None:
    box = page.locator("#search-phone:visible, #search-desktop:visible").first
    box.fill(words)
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q="))
    expect(page.get_by_role("heading", level=1)).to_contain_text(shown_as or words)
    loaded(page)


def test_phone_shopper_searches_filters_sorts_and_pages(phone: Page, shoot):
    page = phone
    page.goto("/")
    # given a shopper who searches for sneakers
    search_from_header(page, "sneakers")
    loaded(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("sneakers")
    expect(page.locator(".product-card").first).to_contain_text("Sneakers")
    assert no_horizontal_scroll(page)
    shoot(page, "phone-sneakers")
    assert_accessible(page, "search results (phone)")

    # when they look for something broader and open the filter sheet
    search_from_header(page, "cotton")
    loaded(page)
    total_before = page.locator("#result-count").inner_text()
    expect(page.locator(".filter-column")).to_be_hidden()
    page.locator("#filters-button").click()
    sheet = page.locator("#filter-sheet")
    expect(sheet).to_be_visible()
    expect(sheet.get_by_role("heading", name="Price")).to_be_visible()
    page.screenshot(path=str(shoot(page, "phone-filter-sheet").with_name("phone-filter-sheet-viewport.png")))
    assert_accessible(page, "filter sheet (phone)")

    # and filter by the first price range
    option = sheet.locator("[data-group=price] .filter-option").first
    label = option.locator("span, p").nth(0).inner_text()
    option.click()
    expect(page).to_have_url(re.compile(r"price=[0-9]*-[0-9]*"))
    expect(sheet.locator("[data-group=price] .filter-option[aria-current=true]")).to_have_count(1)
    sheet.locator("#show-results").click()
    expect(sheet).to_be_hidden()
    expect(page.locator(".sheet-overlay")).to_have_count(0)
    # then the range is a chip and fewer products are shown
    chip = page.locator(".filter-chip")
    expect(chip).to_have_count(1)
    expect(chip).to_contain_text(label)
    expect(page.locator("#result-count")).not_to_have_text(total_before)
    expect(page.locator("#filters-button")).to_contain_text("1")
    assert no_horizontal_scroll(page)
    shoot(page, "phone-price-chip")
    assert_accessible(page, "price chip (phone)")

    # when they remove the chip, the filter is gone from the URL and the results
    chip.click()
    expect(page).not_to_have_url(re.compile(r"price="))
    expect(page.locator(".filter-chip")).to_have_count(0)
    expect(page.locator("#result-count")).to_have_text(total_before)

    # when they sort by price, the cards are in price order
    page.locator("#sort-select").select_option("price_asc")
    expect(page).to_have_url(re.compile(r"sort=price_asc"))
    expect(page.locator("#sort-select")).to_have_value("price_asc")
    loaded(page)
    page.wait_for_function(SORTED_JS)  # the URL and the select change before the new results arrive
    prices = shown_prices(page)
    assert prices and prices == sorted(prices), prices
    shoot(page, "phone-sorted")

    # when they go to the next page, the sort stays and the back button returns
    first_names = page.locator(".product-card").all_inner_texts()
    page.locator("#next-page").click()
    expect(page).to_have_url(re.compile(r"page=2"))
    assert params(page)["sort"] == ["price_asc"] and params(page)["q"] == ["cotton"]
    expect(page.locator("nav [aria-current=page]")).to_have_text("2")
    loaded(page)
    page.wait_for_function("(first) => { const now = [...document.querySelectorAll('.product-card')]"
                           ".map(c => c.innerText); return now.length > 0 && "
                           "JSON.stringify(now) !== JSON.stringify(first); }", arg=first_names)
    page_two = shown_prices(page)
    assert page_two and min(page_two) >= max(prices)
    assert no_horizontal_scroll(page)
    shoot(page, "phone-page-2")
    assert_accessible(page, "page 2 (phone)")
    page.go_back()
    expect(page).not_to_have_url(re.compile(r"page=2"))
    expect(page.locator("nav [aria-current=page]")).to_have_text("1")


def test_phone_typo_shows_did_you_mean_and_empty_states_offer_a_next_step(phone: Page, shoot):
    page = phone
    page.goto("/")
    # given a misspelt search
    search_from_header(page, "snekers", "sneakers")
    # then the shop says what it searched instead and shows those products
    did_you_mean = page.locator("#did-you-mean")
    expect(did_you_mean).to_contain_text("snekers")
    expect(did_you_mean).to_contain_text("Did you mean")
    expect(did_you_mean).to_contain_text("sneakers")
    expect(page.locator(".product-card").first).to_contain_text("Sneakers")
    assert no_horizontal_scroll(page)
    shoot(page, "phone-did-you-mean")
    assert_accessible(page, "did you mean (phone)")
    did_you_mean.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"q=sneakers"))
    expect(page.locator("#did-you-mean")).to_have_count(0)

    # given a search nothing matches, then the page says so and offers the shop
    page.goto("/search?q=zzqxv")
    expect(page.get_by_role("heading", name=re.compile("No results for"))).to_be_visible()
    expect(page.get_by_role("link", name="Browse the shop")).to_be_visible()
    shoot(page, "phone-no-results")
    assert_accessible(page, "no results (phone)")

    # given filters nothing matches, then the page offers to clear them
    page.goto("/search?q=cotton&price=999999-&rating=4")
    expect(page.get_by_role("heading", name="No products match these filters")).to_be_visible()
    expect(page.locator(".filter-chip")).to_have_count(2)
    page.get_by_role("link", name="Clear all filters").click()
    expect(page).to_have_url(re.compile(r"/search\?q=cotton$"))
    expect(page.locator(".product-card").first).to_be_visible()

    # hostile or broken URLs still give a page
    for url in ('/search?q="*NEAR(OR--&sort=nope&page=-4', "/search?q=cotton&page=99999",
                "/search?price=abc&from=XX,zz&seller=../x"):
        page.goto(url)
        loaded(page)
        expect(page.locator("#result-count")).to_contain_text("products")


def test_desktop_filter_column_chips_and_category_page(desktop: Page, shoot):
    page = desktop
    page.goto("/search?q=cotton")
    loaded(page)
    column = page.locator(".filter-column")
    expect(column).to_be_visible()
    expect(page.locator("#filters-button")).to_be_hidden()
    shoot(page, "desktop-search")
    assert_accessible(page, "search (desktop)")

    # filter by the first seller and the first country: two chips, each removable
    column.locator("[data-group=seller] .filter-option").first.click()
    expect(page).to_have_url(re.compile(r"seller="))
    expect(page.locator(".filter-chip")).to_have_count(1)  # the options now link from the filtered page
    column.locator("[data-group=country] .filter-option").first.click()
    expect(page).to_have_url(re.compile(r"from="))
    expect(page.locator(".filter-chip")).to_have_count(2)
    shoot(page, "desktop-two-chips")
    page.locator(".filter-chip").first.click()
    expect(page.locator(".filter-chip")).to_have_count(1)
    expect(page).not_to_have_url(re.compile(r"seller="))

    # the price form takes a custom range
    column.locator("input[name=min]").fill("10")
    column.locator("input[name=max]").fill("40")
    column.get_by_role("button", name="Apply price range").click()
    expect(page).to_have_url(re.compile(r"price=10-40"))
    expect(page.locator(".filter-chip")).to_have_count(2)

    # a category page shares the filters and sorting
    page.goto("/c/apparel?sort=price_desc")
    loaded(page)
    expect(page.locator("#sort-select")).to_have_value("price_desc")
    prices = shown_prices(page)
    assert prices == sorted(prices, reverse=True), prices
    page.locator(".filter-column [data-group=availability] .filter-option").first.click()
    expect(page).to_have_url(re.compile(r"/c/apparel\?.*stock=1"))
    expect(page.locator(".filter-chip")).to_have_count(1)
    shoot(page, "desktop-category")
    assert_accessible(page, "category (desktop)")


def test_phone_category_page_filters_in_the_sheet(phone: Page, shoot):
    page = phone
    page.goto("/c/home")
    loaded(page)
    page.locator("#filters-button").click()
    sheet = page.locator("#filter-sheet")
    sheet.locator("[data-group=category] .filter-option").first.click()
    expect(page).to_have_url(re.compile(r"/c/(tableware|home-textiles)"))
    sheet.locator("#show-results").click()
    loaded(page)
    expect(page.locator(".product-card").first).to_be_visible()
    assert no_horizontal_scroll(page)
    shoot(page, "phone-subcategory")
    assert_accessible(page, "sub-category (phone)")
