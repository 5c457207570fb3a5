/*
 * Meridian checkout: the card field when PAYMENTS=stripe (marketplace/components/stripe_card.py).
 *
 * The card number, expiry and security code are typed into Stripe's Card Element (an iframe served by
 * Stripe.js) and go from the browser straight to Stripe: they are never in our page's form, our state or
 * our websocket. The server only ever sends this script the Stripe.js URL, the publishable key, the
 * language and, when the shopper pays, the PaymentIntent's client secret (in an event, never in a var).
 *
 *   window.meridianStripe.mount({jsUrl, key, locale})  load Stripe.js once, create the Card Element and
 *       keep it mounted in #stripe-card (React may re-create that box: it is re-mounted when it appears).
 *   window.meridianStripe.confirm(clientSecret)  stripe.confirmCardPayment(secret, {payment_method: {card}})
 *       (3-D Secure is run by Stripe.js). Resolves, never rejects, to {ok, status} or {ok: false, type, code};
 *       the server does not trust it: it reads the intent from Stripe.
 */
(function () {
  "use strict";
  var self = {stripe: null, card: null, key: "", box: null, loading: null, observer: null};

  function load(url) {
    if (window.Stripe) return Promise.resolve();
    if (self.loading) return self.loading;
    self.loading = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = url;
      script.onload = resolve;
      script.onerror = function () {
        self.loading = null;
        reject(new Error("Stripe.js could not be loaded"));
      };
      document.head.appendChild(script);
    });
    return self.loading;
  }

  function showError(message) {
    var box = document.getElementById("stripe-card-error");
    if (box) box.textContent = message || "";
  }

  function place() {
    var box = document.getElementById("stripe-card");
    if (!box || !self.card) return;
    if (box === self.box && box.childNodes.length) return;
    if (self.box) {
      try { self.card.unmount(); } catch (e) { /* already gone with its box */ }
    }
    self.box = box;
    self.card.mount(box);
  }

  function mount(config) {
    if (!config || !config.jsUrl || !config.key) return Promise.resolve(false);
    return load(config.jsUrl).then(function () {
      if (!self.stripe || self.key !== config.key) {
        self.stripe = window.Stripe(config.key, {locale: config.locale || "auto"});
        self.key = config.key;
        self.card = self.stripe.elements({locale: config.locale || "auto"}).create("card", {
          hidePostalCode: true,
          style: {base: {fontSize: "16px", lineHeight: "24px"}},
        });
        self.card.on("change", function (event) {
          showError(event && event.error ? event.error.message : "");
        });
        self.box = null;
      }
      place();
      if (!self.observer) {
        self.observer = new MutationObserver(place);
        self.observer.observe(document.body, {childList: true, subtree: true});
      }
      return true;
    }, function () {
      return false;
    });
  }

  function confirm(clientSecret) {
    if (!self.stripe || !self.card || typeof clientSecret !== "string") {
      return Promise.resolve({ok: false, type: "not_ready", code: ""});
    }
    return self.stripe.confirmCardPayment(clientSecret, {payment_method: {card: self.card}}).then(
      function (result) {
        if (result && result.error) {
          if (result.error.message) showError(result.error.message);
          return {ok: false, type: String(result.error.type || ""), code: String(result.error.code || "")};
        }
        var intent = (result && result.paymentIntent) || {};
        return {ok: true, status: String(intent.status || "")};
      },
      function () {
        return {ok: false, type: "network", code: ""};
      }
    );
  }

  window.meridianStripe = {mount: mount, confirm: confirm};
  if (window.meridianStripeConfig) mount(window.meridianStripeConfig);
})();
