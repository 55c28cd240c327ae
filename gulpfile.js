const path = require('node:path');
const { task, src, dest, parallel } = require('gulp');

// n8n resolves `file:` icons and reads a node's codex (*.node.json) next to the compiled files.
const icons = () => src(path.resolve('icons', '*.svg')).pipe(dest(path.resolve('dist', 'icons')));
const codex = () =>
	src('nodes/**/*.node.json', { base: '.' }).pipe(dest(path.resolve('dist')));

task('build:icons', parallel(icons, codex));
