import { mount } from 'svelte';
// Before App, so each page's scoped rules come after the shared page layout.
import './lib/styles/page.css';
import App from './App.svelte';

const target = document.getElementById('app');
if (!target) {
  throw new Error('index.html has no #app element');
}

export const app = mount(App, { target });
