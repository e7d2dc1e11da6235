import type { ButtonHTMLAttributes } from 'react';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

const VARIANTS: Record<Variant, string> = {
  primary: 'bg-blue-700 text-white hover:bg-blue-800 disabled:bg-slate-400',
  secondary:
    'bg-white text-slate-900 border border-slate-400 hover:bg-slate-100 disabled:text-slate-500',
  danger: 'bg-red-700 text-white hover:bg-red-800 disabled:bg-slate-400',
  ghost: 'bg-transparent text-blue-800 hover:bg-blue-50 disabled:text-slate-500',
};

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: 'sm' | 'md';
}

/**
 * A real <button>, type="button" unless told otherwise. On a phone-sized screen every button is
 * a 44 × 44 px touch target at least (WCAG 2.5.5), whatever its size on a desktop.
 */
export function Button({
  variant = 'secondary',
  size = 'md',
  className = '',
  ...rest
}: ButtonProps) {
  const sizing = size === 'sm' ? 'px-2 py-1 text-sm' : 'px-3 py-2';
  return (
    <button
      type="button"
      className={`inline-flex shrink-0 items-center justify-center gap-1 rounded font-medium max-sm:min-h-11 max-sm:min-w-11 disabled:cursor-not-allowed ${sizing} ${VARIANTS[variant]} ${className}`}
      {...rest}
    />
  );
}
