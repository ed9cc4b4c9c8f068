import { render } from 'preact';

render(<main>Margins</main>, document.getElementById('app')!);
