// The card payment page: Stripe's Payment Element collects the card inside Stripe's frame (3-D Secure runs there too),
// and confirmPayment sends the shopper on to the order page, which waits for Ordering to hear from Stripe.
(() => {
    const form = document.getElementById('card-payment');
    if (!form) return;
    const error = form.querySelector('#card-error');
    const button = form.querySelector('button[type=submit]');
    const show = message => {
        error.textContent = message;
        error.hidden = false;
    };
    if (typeof Stripe !== 'function') {
        show(form.dataset.loadError);
        button.disabled = true;
        return;
    }
    const stripe = Stripe(form.dataset.publishableKey, { locale: document.documentElement.lang || 'auto' });
    const elements = stripe.elements({ clientSecret: form.dataset.clientSecret });
    elements.create('payment').mount('#payment-element');
    form.addEventListener('submit', async event => {
        event.preventDefault();
        button.disabled = true;
        error.hidden = true;
        const result = await stripe.confirmPayment({ elements, confirmParams: { return_url: form.dataset.returnUrl } });
        // Reached only when Stripe does not navigate away: a declined card or incomplete fields, told in Stripe's words.
        if (result && result.error) {
            show(result.error.message || form.dataset.loadError);
            button.disabled = false;
        }
    });
})();
