"""Explanation lines of a quote: stable message ids with parameters, and their English text.

The UI translates by id (the ids and English texts here are the msgids of the storefront's catalogue);
the CLI returns ``{"id", "text", "params"}`` with the English text filled in.
"""

from __future__ import annotations

from marketplace.core.i18n import N_

TEXTS: dict[str, str] = {
    "regime.domestic": N_("Sent within {country}: no customs, no import duty or tax."),
    "regime.eu_internal": N_("Sent within the EU single market: no customs and no import VAT; VAT is in the price."),
    "regime.standard": N_("{country} charges import duty and tax at the border on the customs value."),
    "regime.eu_ioss": N_("Up to {threshold}, the EU's Import One-Stop Shop applies: VAT of the destination country "
                      "is charged at checkout and the parcel clears customs without further payment."),
    "regime.eu_standard": N_("Over {threshold} (or for alcohol and tobacco) the EU charges customs duty and import "
                          "VAT at the border."),
    "duty.eu_flat": N_("Since 1 July 2026 the EU charges a flat {amount} customs duty for each different kind of "
                    "item (tariff subheading) in a low-value parcel."),
    "duty.eu_relief": N_("Until 30 June 2026 parcels up to {threshold} were free of EU customs duty."),
    "regime.gb_low_value": N_("Up to {threshold}, UK VAT is charged at checkout and no customs duty is due."),
    "regime.gb_standard": N_("Over {threshold}, the UK charges customs duty and import VAT at the border."),
    "regime.us_de_minimis": N_("Until 29 August 2025 the US let parcels up to {threshold} in free of duty."),
    "regime.us_no_de_minimis": N_("The US charges import duty on every parcel: the duty-free allowance for low-value "
                               "parcels has been suspended since 29 August 2025."),
    "tax.us_none": N_("The US has no federal import VAT; state sales tax is not collected at the border."),
    "regime.ca_free": N_("Canada lets this parcel in free of duty and tax (up to {threshold})."),
    "regime.ca_cusma_duty_free": N_("From the US or Mexico by courier, Canada charges no duty up to {threshold}, "
                                 "only GST/HST."),
    "regime.ca_standard": N_("Canada charges duty and GST/HST on the value of the goods (shipping excluded)."),
    "regime.au_low_value": N_("Up to {threshold}, Australian GST is charged at checkout and no duty is due."),
    "regime.nz_low_value": N_("Up to {threshold}, New Zealand GST is charged at checkout and no duty is due."),
    "regime.sg_low_value": N_("Up to {threshold}, Singapore GST is charged at checkout."),
    "regime.jp_small_value": N_("Japan exempts imports with a taxable value up to {threshold} from duty and "
                             "consumption tax."),
    "regime.jp_standard": N_("Japan charges duty and consumption tax on the customs value."),
    "valuation.jp_personal_use": N_("Japan values goods bought for personal use at {factor} of their price."),
    "tax.jp_truncation": N_("Japanese consumption tax is computed on a base rounded down to the thousand yen, and "
                         "rounded down to the hundred yen."),
    "regime.cn_cbec": N_("As a cross-border e-commerce import up to {limit}, no duty is due and import taxes are "
                      "charged at {factor} of the normal rate, collected at checkout."),
    "regime.cn_general": N_("Over {limit} per order, China charges full duty and import VAT."),
    "regime.ch_standard": N_("Switzerland charges import VAT on the goods, delivery and duty; most industrial "
                          "goods have been duty-free since 2024."),
    "tax.ch_floor": N_("Swiss import VAT of {floor} or less is not charged."),
    "tax.ch_floor_applied": N_("The Swiss import VAT here is {floor} or less, so none is charged."),
    "regime.no_voec": N_("Items under {limit} each are taxed at checkout under Norway's VOEC scheme; no duty is due."),
    "regime.mx_usmca_exempt": N_("Goods made in North America sent by courier to Mexico are free of duty and tax "
                              "up to {threshold}."),
    "regime.mx_global_rate": N_("Mexico's courier regime charges one global rate of {rate} instead of duty and VAT."),
    "regime.br_remessa": N_("Brazil's Remessa Conforme programme charges import tax and ICMS at checkout "
                         "(orders up to {limit})."),
    "tax.br_icms": N_("Brazil's ICMS is calculated 'por dentro': the tax is part of its own base."),
    "regime.in_9804": N_("India charges basic customs duty on personal imports by post or courier, plus the social "
                      "welfare surcharge and IGST."),
    "regime.kr_list_clearance": N_("Korea clears personal-use goods up to {threshold} free of duty and VAT."),
    "valuation.cif": N_("Duty is charged on the goods plus shipping and insurance (CIF)."),
    "valuation.fob": N_("Duty is charged on the goods alone; shipping is not part of the customs value (FOB)."),
    "collect.checkout": N_("Duties and taxes are included in the price you pay now (delivered duty paid)."),
    "collect.delivery": N_("Duties and taxes are paid to the carrier on delivery (delivered at place); the carrier "
                        "may add a handling fee."),
    "collect.forced_checkout": N_("The rules of this destination require the tax to be collected at checkout."),
    "duty.preferential": N_("No duty on {sku}: it qualifies for the {agreement} preferential rate."),
    "de_minimis.applied": N_("A low-value allowance means some duty or tax is not due on this parcel."),
    "fee.us_mpf_informal": N_("US Customs charges a merchandise processing fee of {amount} per informal entry."),
    "fee.us_dutiable_mail": N_("US Customs charges a dutiable mail fee of {amount}."),
    "fee.us_mpf_formal": N_("US Customs charges a merchandise processing fee on formal entries ({amount})."),
    "fx.converted": N_("Amounts were converted at {source} rates of {as_of}."),
    "restriction.warning": N_("{reason}"),
}


def explanation(message_id: str, params: dict) -> dict:
    params = {key: str(value) for key, value in params.items()}
    template = TEXTS.get(message_id, message_id)
    try:
        text = template.format(**params)
    except (KeyError, IndexError):
        text = template
    return {"id": message_id, "text": text, "params": params}
