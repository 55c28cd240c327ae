import tseslint from 'typescript-eslint';
import { configs } from '@n8n/eslint-plugin-community-nodes';

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'scripts/**', '*.js', '*.mjs'] },
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		languageOptions: { parser: tseslint.parser },
	},
	configs.recommended,
);
