import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { PersonaSwitcher } from '@/components/persona-switcher';
import './index.scss';

interface OpsPageProps {
  /** The console's name for the page (the navigation bar has it too; the desktop preview shows it here). */
  title: string;
  subtitle?: string;
  /** Buttons beside the title (新建). */
  actions?: ReactNode;
  /** Under the page (a bar with 保存). */
  footer?: ReactNode;
  /** The page keeps a bar of its own at the bottom: the preview's persona switcher floats above it. */
  withBar?: boolean;
  children: ReactNode;
}

/** A console page: a dark header, the content in a column at most a tablet wide (centred on a desktop). */
export function OpsPage({ title, subtitle, actions, footer, withBar = false, children }: OpsPageProps) {
  return (
    <View className={`ops-page${footer ? ' ops-page--with-footer' : ''}${footer || withBar ? ' ops-page--with-bar' : ''}`}>
      <View className='ops-page__header'>
        <View className='ops-page__header-inner'>
          <View className='ops-page__heading'>
            <Text className='ops-page__title'>{title}</Text>
            {subtitle && <Text className='ops-page__subtitle'>{subtitle}</Text>}
          </View>
          {actions && <View className='ops-page__actions'>{actions}</View>}
        </View>
      </View>
      <View className='ops-page__body'>{children}</View>
      {footer && <View className='ops-page__footer'>{footer}</View>}
      <PersonaSwitcher />
    </View>
  );
}

/** A grey block per row while the page loads. */
export function OpsSkeleton({ rows = 4 }: { rows?: number }) {
  return (
    <View className='ops-page__skeleton' data-testid='ops-loading'>
      {Array.from({ length: rows }, (_, i) => (
        <View key={i} className='ops-page__skeleton-row' />
      ))}
    </View>
  );
}

/** Nothing to show yet, and what to do about it. */
export function OpsEmpty({ text, hint, children }: { text: string; hint?: string; children?: ReactNode }) {
  return (
    <View className='ops-page__empty' data-testid='ops-empty'>
      <Text className='ops-page__empty-text'>{text}</Text>
      {hint && <Text className='ops-page__empty-hint'>{hint}</Text>}
      {children}
    </View>
  );
}
