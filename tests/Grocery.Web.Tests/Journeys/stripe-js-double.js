// TEST DOUBLE of Stripe.js v3 — never shipped. This machine cannot reach https://js.stripe.com, so the browser tests
// route that address to this file (page.RouteAsync). It implements only what Grocery.Web's card-payment.js calls:
// Stripe(publishableKey), stripe.elements({ clientSecret }), elements.create('payment').mount(el) and
// stripe.confirmPayment({ elements, confirmParams: { return_url } }). Confirming does what Stripe.js does for a card that
// needs no 3-D Secure challenge: it posts the publishable key and the client secret to the PaymentIntent's confirm
// endpoint (here the tests' WireMock Stripe fake, whose address replaces __STRIPE_API_BASE__), then sends the browser to
// return_url with payment_intent, payment_intent_client_secret and redirect_status, as Stripe does.
(() => {
    const apiBase = '__STRIPE_API_BASE__';
    window.Stripe = publishableKey => ({
        elements: ({ clientSecret }) => ({
            clientSecret,
            create: () => ({
                mount: target => {
                    const host = typeof target === 'string' ? document.querySelector(target) : target;
                    host.innerHTML = '<div data-testid="stripe-double-fields" style="border:1px solid #cfdccf;border-radius:.6rem;padding:.75rem;'
                        + 'display:grid;gap:.4rem;color:#1d2b20;background:#fbfdfb">'
                        + '<span>4242 4242 4242 4242</span><span style="display:flex;gap:1.5rem"><span>12 / 34</span><span>CVC 123</span></span>'
                        + '<small style="color:#5d6e60">Stripe.js test double</small></div>';
                },
            }),
        }),
        confirmPayment: async ({ elements, confirmParams }) => {
            const secret = elements.clientSecret;
            const id = secret.slice(0, secret.indexOf('_secret_'));
            const response = await fetch(`${apiBase}/v1/payment_intents/${id}/confirm`, {
                method: 'POST',
                body: new URLSearchParams({ key: publishableKey, client_secret: secret, return_url: confirmParams.return_url }),
            });
            const answer = await response.json();
            if (!response.ok) return { error: { type: 'card_error', message: answer.error.message } };
            const back = new URL(confirmParams.return_url);
            back.searchParams.set('payment_intent', answer.id);
            back.searchParams.set('payment_intent_client_secret', secret);
            back.searchParams.set('redirect_status', 'succeeded');
            window.location.assign(back.toString());
            return new Promise(() => { }); // like Stripe.js: the page is leaving
        },
    });
})();
