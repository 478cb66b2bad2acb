import { render } from 'preact';
import 'uplot/dist/uPlot.min.css';
import './styles/app.css';
import { App } from './app/App';

/** The page's fetch, bound: called unbound, some browsers throw "Illegal invocation". */
const fetchFn = window.fetch.bind(window);

const root = document.getElementById('app');
if (root === null) throw new Error('index.html has no #app element');
root.replaceChildren();
render(<App fetchFn={fetchFn} />, root);
